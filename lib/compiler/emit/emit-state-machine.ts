import type { StateMachineDefinition } from '../types';
import type { EmitContext, States } from './context';
import { emitInputState } from './emit-input';
import { emitRegion } from './emit-region';
import { initializeRetryCounters } from './emit-retry-loop';

/** Emits the whole state machine: the `input` Pass state, then the top-level region. */
export function emitStateMachine(context: EmitContext): StateMachineDefinition {
  const { workflow } = context;
  const body: States = {};
  const first = emitRegion({ region: context.graph.root, states: body, renames: new Map() }, context);

  const hasInputState = workflow.input.length > 0 || workflow.vars.length > 0;
  const states: States = hasInputState ? { input: emitInputState(workflow, context, first), ...body } : body;

  const definition: StateMachineDefinition = {
    Comment: workflow.description ? `${workflow.name}: ${workflow.description}` : workflow.name,
    QueryLanguage: 'JSONata',
    StartAt: hasInputState ? 'input' : first,
    States: states,
  };
  initializeRetryCounters(definition, workflow.tasks, context);

  return definition;
}
