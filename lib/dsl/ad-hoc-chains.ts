import type { DiagnosticBag } from '../diagnostics/diagnostic';
import { inputValues, substitute, type AdHocAction } from './ad-hoc-actions';

/**
 * Resolves each ad-hoc action whose `base` is another ad-hoc action of the
 * file into one action of the first base that is not ad-hoc, as Mistral
 * runs such a chain. At each level, the `base-input` of the outer action
 * supplies the inputs of the inner one, and the `output` transforms apply
 * from the innermost action outwards. A cycle of bases is reported at the
 * `base` of each action on it, and those actions and the actions based on
 * them are left out, so a task that calls one reports an unknown action.
 */
export function resolveAdHocChains(actions: ReadonlyMap<string, AdHocAction>, bag: DiagnosticBag): Map<string, AdHocAction> {
  const resolved = new Map<string, AdHocAction>();
  const inCycle = new Set<string>();
  const path: string[] = [];

  const resolve = (action: AdHocAction): AdHocAction | undefined => {
    const done = resolved.get(action.name);
    if (done || inCycle.has(action.name)) return done;

    const inner = actions.get(action.base);
    if (!inner) {
      resolved.set(action.name, action);
      return action;
    }
    const onPath = path.indexOf(action.name);
    if (onPath >= 0) {
      reportCycle(path.slice(onPath), actions, bag);
      for (const name of path.slice(onPath)) inCycle.add(name);
      return undefined;
    }

    path.push(action.name);
    const base = resolve(inner);
    path.pop();
    if (!base || inCycle.has(action.name)) return undefined;

    const flattened = applyBase(action, base, bag);
    resolved.set(action.name, flattened);
    return flattened;
  };

  for (const action of actions.values()) resolve(action);

  return resolved;
}

/** Builds the action that calls `base` (already resolved) with the `base-input` of `action`. */
function applyBase(action: AdHocAction, base: AdHocAction, bag: DiagnosticBag): AdHocAction {
  const baseInputs = action.baseInput?.kind === 'object' ? action.baseInput.entries : [];
  if (action.baseInput !== undefined && action.baseInput.kind !== 'object') {
    bag.report('adHocBaseInput', action.baseRange, action.name, base.name, `with a 'base-input' that is not a mapping: write one key per input of '${base.name}'`);
  }

  const declared = new Set(base.inputs.map((input) => input.name));
  for (const [name] of baseInputs) {
    if (!declared.has(name)) bag.report('unknownAdHocInput', action.baseRange, base.name, name, [...declared].join(', ') || 'none');
  }
  const values = inputValues(base, baseInputs, (input) => {
    const fix = `add '${input}' to the 'base-input' of '${action.name}' or give it a default in '${base.name}'`;
    bag.report('adHocBaseInput', action.baseRange, action.name, base.name, `without its input '${input}': ${fix}`);
  });

  return {
    ...action,
    base: base.base,
    baseInput: base.baseInput && substitute(base.baseInput, values),
    outputs: [...base.outputs, ...action.outputs],
  };
}

function reportCycle(cycle: readonly string[], actions: ReadonlyMap<string, AdHocAction>, bag: DiagnosticBag): void {
  cycle.forEach((name, index) => {
    const rotated = [...cycle.slice(index), ...cycle.slice(0, index), name];
    const action = actions.get(name) as AdHocAction;
    bag.report('adHocBaseCycle', action.baseRange, name, rotated.map((member) => `'${member}'`).join(' -> '));
  });
}
