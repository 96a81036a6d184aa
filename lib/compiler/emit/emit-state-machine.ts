import type { StateMachineDefinition } from '../types';
import type { Task } from '../../dsl/model';
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
  initializeRetryCounters(definition, placedInSourceOrder(context), context);

  return definition;
}

/** Returns the placed tasks, copies included, in the order of their tasks in the source and then of placement. */
function placedInSourceOrder(context: EmitContext): Task[] {
  const position = new Map(context.workflow.tasks.map((task, index) => [task.name, index]));
  const positionOf = (task: Task) => position.get(context.graph.copyOf.get(task.name) ?? task.name) ?? 0;

  return [...context.graph.tasks.values()].sort((a, b) => positionOf(a) - positionOf(b));
}
