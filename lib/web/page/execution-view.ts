/// <reference lib="dom" />
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { changeExecution, describeExecution, type ExecutionDetail, type WorkflowSummary } from './api';
import { ApprovalsSection } from './approvals-section';
import { formatCause, formatDuration, formatJson, formatTime, workflowHref } from './format';
import { Graph } from './graph';
import { statusesOf } from './task-statuses';
import { TaskTimeline } from './task-timeline';
import { WaitingSection } from './waiting-section';

/** How often the page reloads an execution that is still running, in milliseconds. */
const REFRESH_MILLISECONDS = 2000;

const REDRIVABLE_STATUSES = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Shows one execution: its graph coloured by task status, the task timeline,
 * pending and decided approvals, the pauses and tasks that wait for a result,
 * the error, input and output, and the stop and redrive buttons. It reloads while the execution runs.
 */
export function ExecutionView(props: { executionArn: string; workflows: WorkflowSummary[] }) {
  const [execution, setExecution] = useState<ExecutionDetail | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let timer: number | undefined;
    describeExecution(props.executionArn).then(
      (detail) => {
        setExecution(detail);
        setError(undefined);
        if (detail.status === 'RUNNING') {
          timer = window.setTimeout(() => setReloads((count) => count + 1), REFRESH_MILLISECONDS);
        }
      },
      (reason: Error) => setError(reason.message),
    );
    return () => window.clearTimeout(timer);
  }, [props.executionArn, reloads]);

  const change = (action: 'stop' | 'redrive') => {
    setNotice(undefined);
    changeExecution(props.executionArn, action).then(
      () => {
        setNotice(action === 'stop' ? 'Stop requested.' : 'Redrive started.');
        setReloads((count) => count + 1);
      },
      (reason: Error) => setNotice(reason.message),
    );
  };

  if (!execution) {
    return h('main', null, error ? h('p', { class: 'error', role: 'alert' }, error) : h('p', { class: 'muted' }, 'Loading…'));
  }
  const workflow = props.workflows.find((candidate) => candidate.name === execution.workflow);

  return h(
    'main',
    null,
    h('p', null, h('a', { href: workflowHref(execution.workflow) }, `← ${execution.workflow}`)),
    h('h1', null, execution.executionName, ' ', h('span', { class: `badge badge-${execution.status}`, 'data-testid': 'execution-status' }, execution.status)),
    Summary(execution),
    h(
      'div',
      { class: 'actions' },
      execution.status === 'RUNNING' ? h('button', { type: 'button', onClick: () => change('stop') }, 'Stop') : null,
      REDRIVABLE_STATUSES.has(execution.status) ? h('button', { type: 'button', onClick: () => change('redrive') }, 'Redrive') : null,
      notice ? h('span', { role: 'status' }, notice) : null,
    ),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    execution.error ? ErrorBox(execution.error, execution.cause) : null,
    workflow ? h(Graph, { definition: workflow.definition, tasks: workflow.tasks, stateTasks: workflow.stateTasks, statuses: statusesOf(execution) }) : null,
    h(ApprovalsSection, { pending: execution.pendingApprovals, decided: execution.decidedApprovals }),
    h(WaitingSection, {
      executionArn: execution.executionArn,
      waiting: execution.waitingTasks ?? [],
      onChange: () => {
        setNotice(undefined);
        setReloads((count) => count + 1);
      },
      onError: setNotice,
    }),
    h(TaskTimeline, { execution }),
    h('h2', null, 'Input'),
    h('pre', { class: 'json', 'data-testid': 'input' }, formatJson(execution.input)),
    h('h2', null, 'Output'),
    h('pre', { class: 'json', 'data-testid': 'output' }, formatJson(execution.output)),
  );
}

function Summary(execution: ExecutionDetail) {
  const rows: [string, string][] = [
    ['Workflow', execution.workflow],
    ['Started', formatTime(execution.startDate)],
    ['Stopped', formatTime(execution.stopDate)],
    ['Duration', formatDuration(execution.startDate, execution.stopDate)],
    ['Redrives', String(execution.redriveCount)],
    ['ARN', execution.executionArn],
  ];
  return h('dl', { class: 'summary' }, rows.map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

function ErrorBox(error: string, cause: string | undefined) {
  return h(
    'section',
    { class: 'error-box', role: 'alert' },
    h('h2', null, 'Error'),
    h('p', null, h('strong', null, error)),
    cause ? h('pre', null, formatCause(cause)) : null,
  );
}
