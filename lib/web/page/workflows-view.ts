/// <reference lib="dom" />
import { h } from 'preact';

import type { WorkflowSummary } from './api';
import { workflowHref } from './format';
import { Graph } from './graph';

/** Lists the deployed workflows, each with its inputs and graph. */
export function WorkflowsView(props: { workflows: WorkflowSummary[] }) {
  if (props.workflows.length === 0) {
    return h('p', null, 'The app deploys no state machines. Add a workflow under workflows/ and run cdk synth.');
  }
  return h(
    'main',
    null,
    h('h1', null, 'Workflows'),
    props.workflows.map((workflow) =>
      h(
        'section',
        { class: 'card', 'data-workflow': workflow.name },
        h('h2', null, h('a', { href: workflowHref(workflow.name) }, workflow.name)),
        h('p', { class: 'muted' }, `${workflow.tasks.length} tasks. Input: ${inputList(workflow)}.`),
        h('p', null, h('a', { href: workflowHref(workflow.name) }, 'Executions →')),
        h(Graph, { definition: workflow.definition, tasks: workflow.tasks, stateTasks: workflow.stateTasks }),
      ),
    ),
  );
}

function inputList(workflow: WorkflowSummary): string {
  if (workflow.input.length === 0) return 'none';
  return workflow.input.map((input) => ('default' in input ? `${input.name} (optional)` : input.name)).join(', ');
}
