/// <reference lib="dom" />
import { h } from 'preact';
import { useState } from 'preact/hooks';

import { MAX_TASK_PAYLOAD_BYTES } from '../../../lambdas/history/task-payload';
import type { TaskStatus } from '../mermaid';
import type { ExecutionDetail, TaskView } from './api';
import { formatCause, formatDuration, formatJson, formatTime, withoutStackTraces } from './format';
import { TableHead } from './table-head';
import { failedStatusOf } from './task-statuses';

const COLUMNS = ['Task', 'Status', 'Started', 'Stopped', 'Duration', 'Attempts', 'Error'];

/**
 * Lists the tasks that the execution has entered, by start time, then the
 * tasks not reached. Each entered task opens to show its input and output.
 */
export function TaskTimeline(props: { execution: ExecutionDetail }) {
  const { execution } = props;
  const [openTasks, setOpenTasks] = useState<ReadonlySet<string>>(new Set());
  const toggle = (name: string) => {
    const next = new Set(openTasks);
    if (!next.delete(name)) next.add(name);
    setOpenTasks(next);
  };

  const tasks: (TaskView & { group: TaskStatus })[] = [
    ...execution.tasks.done.map((task) => ({ ...task, group: 'done' as const })),
    ...execution.tasks.running.map((task) => ({ ...task, group: 'running' as const })),
    ...execution.tasks.failed.map((task) => ({ ...task, group: failedStatusOf(task) })),
  ].sort((left, right) => (left.startDate ?? '').localeCompare(right.startDate ?? ''));

  return h(
    'section',
    null,
    h('h2', null, 'Timeline'),
    h(
      'table',
      { class: 'timeline' },
      TableHead(COLUMNS),
      h(
        'tbody',
        null,
        tasks.map((task) => TaskRows(task, openTasks.has(task.name), () => toggle(task.name))),
        execution.tasks.notReached.map((name) =>
          h('tr', { class: 'status-notReached', 'data-task': name }, h('td', null, name), h('td', null, 'not reached'), h('td', { colSpan: COLUMNS.length - 2 }, '')),
        ),
      ),
    ),
  );
}

function TaskRows(task: TaskView & { group: TaskStatus }, open: boolean, toggle: () => void) {
  const detailId = `task-detail-${task.name}`;
  const row = h(
    'tr',
    { class: `status-${task.group}`, 'data-task': task.name, key: task.name },
    h(
      'td',
      null,
      h(
        'button',
        { type: 'button', class: 'task-toggle', 'aria-expanded': open ? 'true' : 'false', 'aria-controls': detailId, onClick: toggle },
        h('span', { class: 'task-toggle-icon', 'aria-hidden': 'true' }, open ? '▾' : '▸'),
        task.name,
      ),
    ),
    h('td', null, task.status),
    h('td', null, formatTime(task.startDate)),
    h('td', null, formatTime(task.stopDate)),
    h('td', null, formatDuration(task.startDate, task.stopDate)),
    h('td', null, task.attempts === undefined ? '–' : String(task.attempts)),
    h('td', null, task.error ? TaskError(task.error, task.cause) : ''),
  );
  if (!open) return row;

  const truncated = task.truncated ?? [];
  const detail = h(
    'tr',
    { class: 'task-detail', id: detailId, 'data-task-detail': task.name, key: `${task.name} detail` },
    h(
      'td',
      { colSpan: COLUMNS.length },
      h(
        'div',
        { class: 'task-payloads' },
        Payload('Input', task.input, truncated.includes('input'), 'task-input'),
        Payload('Output', task.output, truncated.includes('output'), 'task-output'),
      ),
    ),
  );
  return [row, detail];
}

/**
 * Shows a task's input or output as indented JSON. A cut payload is the
 * start of its JSON text, which no longer parses, so it is shown as it is.
 * Preact sets every value as text, so a payload never becomes HTML.
 */
function Payload(title: string, value: unknown, truncated: boolean, testId: string) {
  // NOTE: a cut payload is no longer JSON, so a stack trace in it stays.
  const text = truncated && typeof value === 'string' ? `${value}…` : formatJson(withoutStackTraces(value));
  return h(
    'div',
    { class: 'task-payload' },
    h('h3', null, title),
    h('pre', { class: 'json', 'data-testid': testId }, text),
    truncated ? h('p', { class: 'muted' }, `Cut to its first ${MAX_TASK_PAYLOAD_BYTES / 1024} KiB. The execution history in Step Functions has the whole value.`) : null,
  );
}

function TaskError(error: string, cause: string | undefined) {
  if (!cause) return error;
  return h('details', null, h('summary', null, error), h('pre', { class: 'cause' }, formatCause(cause)));
}
