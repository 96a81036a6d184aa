/**
 * Counts what one execution of an ASL state machine is billed for along its
 * shortest and longest paths. The counting rules follow Step Functions
 * Standard pricing: every state entered is one state transition, and so is
 * every retry.
 */

type State = Record<string, unknown>;
type States = Record<string, State>;

/** Billed work along one path from StartAt to an end state. */
export interface PathCost {
  /** States entered in order. A Parallel state is followed by its branches' states, and a Map state by one iteration's states. */
  states: string[];
  /** State transitions without retries: one per state entered. */
  transitions: number;
  /** Upper bound of retries: the sum of each Retry rule's MaxAttempts over the states entered. */
  maxRetries: number;
  /** Lambda invocations without retries. */
  lambdaInvocations: number;
  /** Upper bound of retried Lambda invocations, included in `maxRetries`. */
  maxLambdaRetries: number;
}

export interface PathCosts {
  shortest: PathCost;
  longest: PathCost;
}

export interface CountOptions {
  /** Items that each Map state iterates over, unknown before run time. @default 1 */
  mapItems?: number;
}

/** Step Functions' default MaxAttempts when a Retry rule leaves it out. */
const DEFAULT_MAX_ATTEMPTS = 3;

const EMPTY_PATH: PathCost = { states: [], transitions: 0, maxRetries: 0, lambdaInvocations: 0, maxLambdaRetries: 0 };

/**
 * Counts the shortest and longest paths (by state transitions) of a state
 * machine definition or of one Parallel branch or Map iteration.
 * A Parallel state counts itself plus its branches, and a Map state counts
 * itself plus `mapItems` times its iteration. A transition back to a state
 * already on the path is not followed, so a loop counts once.
 */
export function countPathCosts(definition: { StartAt: string; States: States }, options: CountOptions = {}): PathCosts {
  const mapItems = options.mapItems ?? 1;
  const memo = new Map<string, PathCosts>();
  const onPath = new Set<string>();

  const visit = (name: string): PathCosts | undefined => {
    const cached = memo.get(name);
    if (cached) return cached;
    const state = definition.States[name];
    if (onPath.has(name) || !state) return undefined;

    onPath.add(name);
    const own = countState(name, state, mapItems);
    const following = successorsOf(state)
      .map(visit)
      .filter((costs): costs is PathCosts => costs !== undefined);
    onPath.delete(name);

    // A state that can end, such as an End task with a Catch, also ends a path by itself.
    if (following.length === 0 || canEnd(state)) following.push({ shortest: EMPTY_PATH, longest: EMPTY_PATH });
    const costs: PathCosts = {
      shortest: concat(own.shortest, pick(following.map((f) => f.shortest), isShorter)),
      longest: concat(own.longest, pick(following.map((f) => f.longest), isLonger)),
    };
    memo.set(name, costs);
    return costs;
  };

  return visit(definition.StartAt) ?? { shortest: EMPTY_PATH, longest: EMPTY_PATH };
}

/** Cost of entering one state, with its branches or iteration but without what follows it. */
function countState(name: string, state: State, mapItems: number): PathCosts {
  const lambda = isLambdaInvocation(state);
  const retries = maxRetriesOf(state);
  const own: PathCost = {
    states: [name],
    transitions: 1,
    maxRetries: retries,
    lambdaInvocations: lambda ? 1 : 0,
    maxLambdaRetries: lambda ? retries : 0,
  };

  if (state.Type === 'Parallel') {
    const branches = (state.Branches as { StartAt: string; States: States }[]).map((branch) => countPathCosts(branch, { mapItems }));
    return {
      shortest: branches.reduce((path, branch) => concat(path, branch.shortest), own),
      longest: branches.reduce((path, branch) => concat(path, branch.longest), own),
    };
  }

  const processor = (state.ItemProcessor ?? state.Iterator) as { StartAt: string; States: States } | undefined;
  if (state.Type === 'Map' && processor) {
    const iteration = countPathCosts(processor, { mapItems });
    return {
      shortest: concat(own, repeat(iteration.shortest, mapItems)),
      longest: concat(own, repeat(iteration.longest, mapItems)),
    };
  }

  return { shortest: own, longest: own };
}

/** Lists the states that can follow, in ASL order, so that the first of equal paths is a Choice rule's target. */
function successorsOf(state: State): string[] {
  const next: string[] = [];
  if (typeof state.Next === 'string') next.push(state.Next);
  for (const rule of (state.Choices as { Next?: string }[] | undefined) ?? []) {
    if (rule.Next) next.push(rule.Next);
  }
  if (typeof state.Default === 'string') next.push(state.Default);
  for (const catcher of (state.Catch as { Next?: string }[] | undefined) ?? []) {
    if (catcher.Next) next.push(catcher.Next);
  }
  return next;
}

function canEnd(state: State): boolean {
  return state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
}

/** Whether a Task state invokes a Lambda function, through the optimized integration or by function ARN. */
export function isLambdaInvocation(state: State): boolean {
  if (state.Type !== 'Task' || typeof state.Resource !== 'string') return false;

  return state.Resource.startsWith('arn:aws:states:::lambda:invoke') || /^arn:aws:lambda:/.test(state.Resource);
}

/** Sums MaxAttempts over the Retry rules, because each rule keeps its own count of attempts. */
export function maxRetriesOf(state: State): number {
  const rules = (state.Retry as { MaxAttempts?: number }[] | undefined) ?? [];

  return rules.reduce((sum, rule) => sum + (rule.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS), 0);
}

function concat(first: PathCost, second: PathCost): PathCost {
  return {
    states: [...first.states, ...second.states],
    transitions: first.transitions + second.transitions,
    maxRetries: first.maxRetries + second.maxRetries,
    lambdaInvocations: first.lambdaInvocations + second.lambdaInvocations,
    maxLambdaRetries: first.maxLambdaRetries + second.maxLambdaRetries,
  };
}

/** Multiplies the counts of one Map iteration by the item count, and lists its states once. */
function repeat(path: PathCost, times: number): PathCost {
  return {
    states: path.states,
    transitions: path.transitions * times,
    maxRetries: path.maxRetries * times,
    lambdaInvocations: path.lambdaInvocations * times,
    maxLambdaRetries: path.maxLambdaRetries * times,
  };
}

/** Fewer transitions, then fewer Lambda invocations. */
function isShorter(candidate: PathCost, best: PathCost): boolean {
  if (candidate.transitions !== best.transitions) return candidate.transitions < best.transitions;
  return candidate.lambdaInvocations < best.lambdaInvocations;
}

/** More transitions, then more Lambda invocations. */
function isLonger(candidate: PathCost, best: PathCost): boolean {
  if (candidate.transitions !== best.transitions) return candidate.transitions > best.transitions;
  return candidate.lambdaInvocations > best.lambdaInvocations;
}

function pick(paths: PathCost[], isBetter: (candidate: PathCost, best: PathCost) => boolean): PathCost {
  return paths.reduce((best, candidate) => (isBetter(candidate, best) ? candidate : best));
}
