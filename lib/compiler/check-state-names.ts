import type { DiagnosticBag } from '../diagnostics/diagnostic';
import type { Workflow } from '../dsl/model';
import type { StateMachineDefinition } from './types';

/** Step Functions limit on the length of a state name. */
const maxStateNameLength = 80;

/** Reports emitted state names longer than Step Functions accepts, at the task they come from. */
export function checkStateNames(workflow: Workflow, asl: StateMachineDefinition, bag: DiagnosticBag): void {
  const visit = (states: Record<string, Record<string, unknown>>) => {
    for (const [name, state] of Object.entries(states)) {
      if (name.length > maxStateNameLength) {
        const task = workflow.tasks.find((candidate) => name === candidate.name || name.startsWith(`${candidate.name}.`) || name === `join_${candidate.name}`);
        bag.report('stateNameTooLong', task?.range ?? { start: { line: 1, column: 1 } }, name, String(name.length));
      }
      for (const branch of (state.Branches as { States: Record<string, Record<string, unknown>> }[] | undefined) ?? []) visit(branch.States);
    }
  };
  visit(asl.States);
}
