/// <reference lib="dom" />
import type { DecidedApproval, PendingApproval } from '../../../lambdas/control/approval-progress';
import type { TaskView } from '../../../lambdas/control/task-progress';
import type { WaitingTask } from '../../../lambdas/control/waiting-tasks';
import type { WorkflowSummary } from '../local-resources';

// Type-only imports: the page bundle takes the control API's shapes without its AWS SDK code.
export type { DecidedApproval, PendingApproval, TaskView, WaitingTask, WorkflowSummary };

/** The body of the control API's GET /executions/{id}. */
export interface ExecutionDetail {
  workflow: string;
  executionArn: string;
  executionName: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  redriveCount: number;
  redriveStatus?: string;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  tasks: { done: TaskView[]; running: TaskView[]; failed: TaskView[]; notReached: string[] };
  pendingApprovals: PendingApproval[];
  decidedApprovals: DecidedApproval[];
  waitingTasks: WaitingTask[];
}

export interface ExecutionSummary {
  executionName: string;
  executionArn: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  redriveCount?: number;
  error?: string;
}

export interface ApprovalLink {
  url: string;
  sentTo: string[];
}

/** An error response of the control API or the web server, with its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) {
    throw new ApiError(response.status, body.message ?? `${init?.method ?? 'GET'} ${path} failed with HTTP ${response.status}.`);
  }
  return body as T;
}

export function listWorkflows(): Promise<{ workflows: WorkflowSummary[] }> {
  return requestJson('/local/workflows');
}

export function listExecutions(workflow: string, status: string, next?: string): Promise<{ executions: ExecutionSummary[]; next?: string }> {
  const query = new URLSearchParams({ limit: '20' });
  if (status) query.set('status', status);
  if (next) query.set('next', next);
  return requestJson(`/api/workflows/${encodeURIComponent(workflow)}/executions?${query}`);
}

export function describeExecution(executionArn: string): Promise<ExecutionDetail> {
  return requestJson(`/api/executions/${encodeURIComponent(executionArn)}`);
}

export function startExecution(workflow: string, input: Record<string, unknown>): Promise<{ executionArn: string }> {
  return requestJson(`/api/workflows/${encodeURIComponent(workflow)}/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

/** Sends POST /executions/{id}/stop or /redrive. */
export function changeExecution(executionArn: string, action: 'stop' | 'redrive'): Promise<unknown> {
  return requestJson(`/api/executions/${encodeURIComponent(executionArn)}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
}

/** Sends POST /executions/{id}/resume for one pause, named as the resume route takes it. */
export function resumeExecution(executionArn: string, task: string): Promise<unknown> {
  return requestJson(`/api/executions/${encodeURIComponent(executionArn)}/resume`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ task }),
  });
}

/** Sends POST /executions/{id}/tasks/{state}/complete with the task's result. */
export function completeTask(executionArn: string, state: string, output: unknown): Promise<unknown> {
  return requestJson(`/api/executions/${encodeURIComponent(executionArn)}/tasks/${encodeURIComponent(state)}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ output }),
  });
}

export function readApprovalLinks(groupId: string): Promise<{ links: ApprovalLink[] }> {
  return requestJson(`/local/approval-groups/${encodeURIComponent(groupId)}/links`);
}

/** Reads the Mermaid text that the server draws on `#/graph`, which only `sirocco graph` sets. */
export function readGraphText(): Promise<{ mermaid: string }> {
  return requestJson('/local/graph');
}
