import type { StateMachineDefinition } from '../compiler/types';

/** Returns the distinct `Resource` of every Task state, nested states included, sorted. */
export function listTaskResources(asl: StateMachineDefinition): string[] {
  const resources = new Set<string>();
  collectResources(asl.States, resources);
  return [...resources].sort();
}

function collectResources(states: Record<string, Record<string, unknown>>, resources: Set<string>): void {
  for (const state of Object.values(states)) {
    if (state.Type === 'Task' && typeof state.Resource === 'string') {
      resources.add(state.Resource);
    }
    for (const branch of (state.Branches as StateMachineDefinition[] | undefined) ?? []) {
      collectResources(branch.States, resources);
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition | undefined;
    if (processor?.States) {
      collectResources(processor.States, resources);
    }
  }
}
