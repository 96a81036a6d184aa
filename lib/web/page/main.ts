/// <reference lib="dom" />
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { listWorkflows, type WorkflowSummary } from './api';
import { ExecutionView } from './execution-view';
import { ExecutionsView } from './executions-view';
import { GraphView } from './graph-view';
import { WorkflowsView } from './workflows-view';

/** Routes on the location hash: `#/`, `#/workflows/<name>`, `#/executions/<ARN>` and `#/graph`. */
function App() {
  const [hash, setHash] = useState(window.location.hash);
  const [workflows, setWorkflows] = useState<WorkflowSummary[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    const onHashChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    listWorkflows().then(
      (body) => setWorkflows(body.workflows),
      (reason: Error) => setError(reason.message),
    );
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  return h('div', { class: 'layout' }, h('header', null, h('a', { href: '#/', class: 'brand' }, 'Sirocco')), Content(hash, workflows, error));
}

function Content(hash: string, workflows: WorkflowSummary[] | undefined, error: string | undefined) {
  if (error) return h('p', { class: 'error', role: 'alert' }, error);
  if (!workflows) return h('p', { class: 'muted' }, 'Loading…');

  if (hash === '#/graph') return h(GraphView, null);
  const [, kind, id] = /^#\/(workflows|executions)\/(.+)$/.exec(hash) ?? [];
  if (kind === 'executions') {
    return h(ExecutionView, { executionArn: decodeURIComponent(id), workflows, key: id });
  }
  if (kind === 'workflows') {
    const workflow = workflows.find((candidate) => candidate.name === decodeURIComponent(id));
    if (!workflow) return h('p', { class: 'error' }, `Workflow "${decodeURIComponent(id)}" is not deployed. Pick one from the list.`);
    return h(ExecutionsView, { workflow, key: workflow.name });
  }
  return h(WorkflowsView, { workflows });
}

render(h(App, null), document.getElementById('app')!);
