import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Task, TransitionItem } from '../../dsl/model';
import { suggestClosest } from '../../dsl/suggest';
import {
  isForkGroup,
  isGuardedGroup,
  taskTargets,
  transitionGroups,
  type Fork,
  type Region,
  type TransitionGroup,
  type WorkflowGraph,
} from './regions';

/**
 * Decomposes the task graph into regions: the top-level sequence and, for
 * each fork, one region per branch up to the `join: all` task that closes
 * it. Reports every edge that breaks this structure.
 */
export function analyseGraph(tasks: readonly Task[], bag: DiagnosticBag): WorkflowGraph {
  return new GraphAnalysis(tasks, bag).run();
}

class GraphAnalysis {
  private readonly byName: Map<string, Task>;
  private readonly graph: WorkflowGraph;
  private nextId = 0;
  /** Joins reached by a transition, even where the fork they close is invalid. */
  private readonly reachedJoins = new Set<string>();

  constructor(
    private readonly tasks: readonly Task[],
    private readonly bag: DiagnosticBag,
  ) {
    this.byName = new Map(tasks.map((task) => [task.name, task]));
    this.graph = {
      root: this.newRegion(),
      regionOf: new Map(),
      forks: [],
      forkAt: new Map(),
      forkClosedBy: new Map(),
      startTasks: [],
    };
  }

  run(): WorkflowGraph {
    // Start tasks and forks depend on every target, so an unknown one would cause misleading follow-up errors.
    if (!this.checkTargets()) return this.graph;
    const starts = this.findStartTasks();
    this.graph.startTasks = starts;

    if (starts.length === 0) {
      this.bag.report('noStartTask', this.tasks[0].range);
      return this.graph;
    } else if (starts.length === 1) {
      this.graph.root.entry = starts[0];
      this.place(starts[0], this.graph.root);
    } else {
      this.openFork(this.graph.root, undefined, starts, 'the start tasks');
    }

    for (const task of this.tasks) {
      if (this.graph.regionOf.has(task.name) || this.reachedJoins.has(task.name)) continue;
      this.bag.report('unreachableTask', task.range, task.name);
    }

    return this.graph;
  }

  private newRegion(parent?: Region['parent']): Region {
    return { id: this.nextId++, items: [], exits: [], parent };
  }

  /** Reports unknown transition targets and returns whether every target exists. */
  private checkTargets(): boolean {
    let valid = true;
    const names = [...this.byName.keys()];
    for (const task of this.tasks) {
      for (const transition of Object.values(task.transitions)) {
        for (const item of transition.items) {
          if (item.target.kind !== 'task' || this.byName.has(item.target.name)) continue;
          valid = false;
          const closest = suggestClosest(item.target.name, names);
          this.bag.report('unknownTarget', item.target.range, item.target.name, closest ? `: did you mean '${closest}'?` : `; use a task name, 'succeed', 'fail' or 'fail msg="..."'`);
        }
      }
    }

    return valid;
  }

  private findStartTasks(): string[] {
    const targeted = new Set<string>();
    for (const task of this.tasks) {
      for (const transition of Object.values(task.transitions)) {
        for (const item of transition.items) {
          if (item.target.kind === 'task') targeted.add(item.target.name);
        }
      }
    }

    return this.tasks.filter((task) => !targeted.has(task.name)).map((task) => task.name);
  }

  /** Places a task in a region and walks its transitions, depth first. */
  private place(name: string, region: Region): void {
    const task = this.byName.get(name);
    if (!task) return;

    this.graph.regionOf.set(name, region);
    region.items.push({ kind: 'task', name });

    for (const group of transitionGroups(task)) this.follow(task, group, region);
  }

  private follow(task: Task, group: TransitionGroup, region: Region): void {
    if (isGuardedGroup(group) && group.items.some((item) => item.guard === undefined)) {
      const transition = task.transitions[group.items[0].kind];
      this.bag.report('mixedTransition', transition?.range ?? task.range, group.items[0].kind, task.name);
      for (const target of taskTargets(group)) this.enter(task, group.outcome, target.name, region);
      return;
    }

    if (isForkGroup(group)) {
      const targets = taskTargets(group);
      if (targets.length !== group.items.length) {
        const command = group.items.find((item) => item.target.kind !== 'task') as TransitionItem;
        this.bag.report('invalidValue', command.target.range, `${task.name}.${group.items[0].kind}`, "an engine command ('fail' or 'succeed') cannot be one of several targets without guards; give each target a guard");
        return;
      }
      const names = targets.map((target) => target.name).filter((name) => this.byName.has(name));
      this.openFork(region, { task: task.name, outcome: group.outcome }, names, `'${task.name}' (${group.items[0].kind})`);
      return;
    }

    for (const item of group.items) {
      if (item.target.kind === 'task') this.enter(task, group.outcome, item.target.name, region);
    }
  }

  /** Follows one edge `from → to` inside `region`. */
  private enter(from: Task, outcome: 'success' | 'error', to: string, region: Region): void {
    const target = this.byName.get(to);
    if (!target) return;
    const edge = `'${from.name}' → '${to}'`;

    if (target.join === 'all') {
      this.reachedJoins.add(to);
      const closed = this.graph.forkClosedBy.get(to);
      if (closed) {
        this.bag.report('joinClosesTwoForks', from.range, to, describeFork(closed), edge);
        if (region.parent) region.exits.push({ task: from.name, outcome, join: to });
      } else if (region.parent) {
        region.exits.push({ task: from.name, outcome, join: to });
      } else {
        this.bag.report('joinWithoutFork', from.range, to, edge);
        if (!this.graph.regionOf.has(to)) this.place(to, region);
      }
      return;
    }

    const placed = this.graph.regionOf.get(to);
    if (placed === undefined) {
      this.place(to, region);
    } else if (placed !== region) {
      this.bag.report('regionCrossing', from.range, edge, describeCrossedFork(crossedFork(placed, region)));
    }
  }

  /** Opens a fork in `region`, walks each branch, then places the join after it. */
  private openFork(region: Region, origin: Fork['origin'], targets: string[], where: string): void {
    const fork: Fork = { id: this.graph.forks.length, origin, branches: [], region };
    this.graph.forks.push(fork);
    if (origin) this.graph.forkAt.set(`${origin.task}|${origin.outcome}`, fork);
    region.items.push({ kind: 'fork', fork });

    for (const [index, target] of targets.entries()) {
      const branch = this.newRegion({ fork, index });
      fork.branches.push(branch);
      const task = this.byName.get(target);
      if (task?.join === 'all') {
        this.bag.report('emptyBranch', task.range, where, target);
        continue;
      }
      branch.entry = target;
      const placed = this.graph.regionOf.get(target);
      if (placed) {
        this.bag.report('regionCrossing', task?.range ?? this.tasks[0].range, `to '${target}'`, describeCrossedFork(fork));
        continue;
      }
      this.place(target, branch);
    }

    const join = this.closeFork(fork, targets, where);
    if (!join) return;

    fork.join = join;
    this.graph.forkClosedBy.set(join, fork);
    this.place(join, region);
  }

  private closeFork(fork: Fork, targets: string[], where: string): string | undefined {
    const joins = new Set(fork.branches.flatMap((branch) => branch.exits.map((exit) => exit.join)));
    // A join that already closes another fork has been reported where it is reached again.
    if ([...joins].some((join) => this.graph.forkClosedBy.has(join))) return undefined;

    if (joins.size > 1) {
      const reached = fork.branches
        .map((branch, index) => `'${targets[index]}' reaches ${[...new Set(branch.exits.map((exit) => `'${exit.join}'`))].join(' and ') || 'no join'}`)
        .join(', ');
      this.bag.report('forkJoinMismatch', this.rangeOfFork(fork), where, reached);
      return undefined;
    }

    let closed = true;
    for (const [index, branch] of fork.branches.entries()) {
      if (branch.exits.length > 0 || branch.entry === undefined) continue;
      const ends = this.branchEnds(branch);
      const edge = fork.origin ? `'${fork.origin.task}' → '${targets[index]}'` : `starting at '${targets[index]}'`;
      this.bag.report('forkWithoutJoin', this.rangeOfFork(fork), where, edge, ends);
      closed = false;
    }

    return closed ? [...joins][0] : undefined;
  }

  private branchEnds(branch: Region): string {
    const last = [...branch.items].reverse().find((item) => item.kind === 'task');
    return last && last.kind === 'task' ? `ends at '${last.name}' without reaching a 'join: all' task` : 'never reaches a join';
  }

  private rangeOfFork(fork: Fork) {
    const origin = fork.origin ? this.byName.get(fork.origin.task) : undefined;
    if (origin) return origin.range;
    const first = fork.branches[0]?.entry;
    return (first && this.byName.get(first)?.range) || this.tasks[0].range;
  }
}

function describeFork(fork: Fork): string {
  return fork.origin ? `'${fork.origin.task}'` : 'the start tasks';
}

function ancestorsOf(region: Region): Region[] {
  const chain: Region[] = [];
  for (let current: Region | undefined = region; current; current = current.parent?.fork.region) chain.push(current);
  return chain;
}

/** Returns the fork whose boundary an edge between two regions crosses. */
function crossedFork(placed: Region, from: Region): Fork | undefined {
  const fromChain = ancestorsOf(from);
  const placedChain = ancestorsOf(placed);
  const common = placedChain.find((region) => fromChain.includes(region));
  const inner = placed === common ? fromChain : placedChain;

  return inner.find((region) => region.parent?.fork.region === common)?.parent?.fork;
}

function describeCrossedFork(fork: Fork | undefined): string {
  if (fork?.join) return `the fork closed by '${fork.join}'`;
  return fork ? `the fork at ${describeFork(fork)}` : 'a fork';
}
