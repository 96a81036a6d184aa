import type { StateMachineDefinition } from '../compiler/types';
import { countPathCosts, type PathCost } from './path-cost';
import { pricePath, type CostAssumptions, type PathPrice } from './pricing';

/** One path of the report: its counts and the price of 1,000 executions along it. */
export interface PathReport extends PathCost {
  pricePerThousandExecutions: PathPrice;
}

/** The `sirocco cost --json` document. */
export interface CostReport {
  workflow: string;
  assumptions: CostAssumptions & { notes: string[] };
  shortest: PathReport;
  longest: PathReport;
}

/** Limits of the estimate, printed with the table and stored in the JSON. */
export const COST_NOTES = [
  'Standard workflow prices in us-east-1, without the free tier.',
  'Every state entered is one state transition. A Parallel state adds its branches, and a Map state adds each item.',
  'Retries range from none to every Retry rule using its MaxAttempts.',
  'Lambda functions outside the state machine, such as the history recorder and the approval page, are not counted.',
];

/** Counts both paths of a compiled workflow and prices them. */
export function buildCostReport(workflow: string, asl: StateMachineDefinition, assumptions: CostAssumptions): CostReport {
  const paths = countPathCosts(asl, { mapItems: assumptions.mapItems });
  const notes = [...COST_NOTES];
  const children = childExecutionStates(asl.States);
  if (children.length > 0) {
    notes.push(`Child executions are billed on their own and not counted here. These states start them: ${children.join(', ')}.`);
  }

  return {
    workflow,
    assumptions: { ...assumptions, notes },
    shortest: { ...paths.shortest, pricePerThousandExecutions: pricePath(paths.shortest, assumptions) },
    longest: { ...paths.longest, pricePerThousandExecutions: pricePath(paths.longest, assumptions) },
  };
}

/** Lists the states, in branches and iterations too, that start another state machine's execution. */
export function childExecutionStates(states: Record<string, Record<string, unknown>>): string[] {
  const names: string[] = [];
  for (const [name, state] of Object.entries(states)) {
    if (typeof state.Resource === 'string' && state.Resource.startsWith('arn:aws:states:::states:startExecution')) {
      names.push(name);
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as { States: Record<string, Record<string, unknown>> } | undefined;
    const scopes = [...((state.Branches as { States: Record<string, Record<string, unknown>> }[] | undefined) ?? []), ...(processor ? [processor] : [])];
    for (const scope of scopes) names.push(...childExecutionStates(scope.States));
  }
  return names;
}
