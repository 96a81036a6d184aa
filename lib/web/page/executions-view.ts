/// <reference lib="dom" />
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { listExecutions, type ExecutionSummary, type WorkflowSummary } from './api';
import { executionHref, formatTime } from './format';
import { Graph } from './graph';
import { StartForm } from './start-form';
import { TableHead } from './table-head';

/** The statuses that GET /workflows/{name}/executions filters by. */
export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/** Lists the executions of one workflow, newest first, with a status filter and paging. */
export function ExecutionsView(props: { workflow: WorkflowSummary }) {
  const [status, setStatus] = useState('');
  const [loaded, setLoaded] = useState<LoadedPage | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    setError(undefined);
    listExecutions(props.workflow.name, status).then(
      (page) => setLoaded({ status, executions: page.executions, next: page.next }),
      (reason: Error) => setError(reason.message),
    );
  }, [props.workflow.name, status, reloads]);

  // Until the page of the selected status arrives, the previous status's rows stay hidden.
  const current = loaded?.status === status ? loaded : undefined;
  const loadMore = () => {
    if (!current) return;
    listExecutions(props.workflow.name, current.status, current.next).then(
      (page) => setLoaded({ status: current.status, executions: [...current.executions, ...page.executions], next: page.next }),
      (reason: Error) => setError(reason.message),
    );
  };

  return h(
    'main',
    null,
    h('p', null, h('a', { href: '#/' }, '← Workflows')),
    h('h1', null, props.workflow.name),
    h(Graph, { definition: props.workflow.definition, tasks: props.workflow.tasks }),
    h(StartForm, { workflow: props.workflow }),
    h('h2', null, 'Executions'),
    h(
      'label',
      null,
      'Status ',
      h(
        'select',
        { name: 'status', value: status, onChange: (event: Event) => setStatus((event.target as HTMLSelectElement).value) },
        h('option', { value: '' }, 'All'),
        EXECUTION_STATUSES.map((name) => h('option', { value: name }, name)),
      ),
    ),
    ' ',
    h('button', { type: 'button', onClick: () => setReloads((count) => count + 1) }, 'Refresh'),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    !current && !error ? h('p', { class: 'muted' }, 'Loading…') : null,
    current ? h('div', { 'data-loaded-status': current.status || 'ALL' }, ExecutionTable(current.executions)) : null,
    current?.next ? h('button', { type: 'button', onClick: loadMore }, 'More') : null,
  );
}

interface LoadedPage {
  status: string;
  executions: ExecutionSummary[];
  next?: string;
}

function ExecutionTable(executions: ExecutionSummary[]) {
  if (executions.length === 0) {
    return h('p', { class: 'muted' }, 'No executions match. Start one with POST /workflows/{name}/executions.');
  }
  return h(
    'table',
    { class: 'executions' },
    TableHead(['Name', 'Status', 'Started', 'Stopped', 'Error']),
    h(
      'tbody',
      null,
      executions.map((execution) =>
        h(
          'tr',
          null,
          h('td', null, h('a', { href: executionHref(execution.executionArn) }, execution.executionName)),
          h('td', null, h('span', { class: `badge badge-${execution.status}` }, execution.status)),
          h('td', null, formatTime(execution.startDate)),
          h('td', null, formatTime(execution.stopDate)),
          h('td', null, execution.error ?? ''),
        ),
      ),
    ),
  );
}
