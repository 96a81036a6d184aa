import type { DiagnosticBag, SourceRange } from '../../diagnostics/diagnostic';
import type { Target, Task, TransitionItem } from '../../dsl/model';
import { suggestClosest } from '../../dsl/suggest';
import {
  isForkGroup,
  isGuardedGroup,
  sourceTaskOf,
  taskTargets,
  transitionGroups,
  type Fork,
  type Region,
  type TransitionGroup,
  type WorkflowGraph,
} from './regions';
import { TaskCopies, withPlacedTargets } from './task-copies';

/** Copies beyond which the analysis stops, because each fork copied again can double them. */
const maxCopies = 200;

/**
 * Decomposes the task graph into regions: the top-level sequence and, for
 * each fork, one region per branch up to the `join: all` task that closes
 * it, or up to the ends of the branches when no join closes it. A task
 * reached from several regions is placed once in each of them, so that it
 * runs once per arrival as in Mistral. Reports every edge that breaks this
 * structure.
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
  /** State name of each task placed in a region, by task name: the task itself or its copy. */
  private readonly placements = new Map<Region, Map<string, string>>();
  private readonly copies = new TaskCopies();

  constructor(
    private readonly tasks: readonly Task[],
    private readonly bag: DiagnosticBag,
  ) {
    this.byName = new Map(tasks.map((task) => [task.name, task]));
    this.graph = {
      root: this.newRegion(),
      tasks: new Map(),
      copyOf: new Map(),
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
      this.place(starts[0], starts[0], this.graph.root);
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

  /** Places a task in a region under state name `name` and walks its transitions, depth first. */
  private place(source: string, name: string, region: Region): void {
    const task = this.byName.get(source);
    if (!task) return;

    this.graph.regionOf.set(name, region);
    this.graph.tasks.set(name, task.name === name ? task : { ...task, name });
    if (name !== source) this.graph.copyOf.set(name, source);
    const inRegion = this.placements.get(region) ?? new Map<string, string>();
    this.placements.set(region, inRegion);
    inRegion.set(source, name);
    region.items.push({ kind: 'task', name });

    const placed = new Map<Target, string>();
    const placedTask = this.graph.tasks.get(name) as Task;
    for (const group of transitionGroups(task)) this.follow(placedTask, group, region, placed);
    this.graph.tasks.set(name, withPlacedTargets(task, name, placed));
  }

  /** Follows the targets of one group, recording in `placed` each target that leads to a differently named state. */
  private follow(task: Task, group: TransitionGroup, region: Region, placed: Map<Target, string>): void {
    const enter = (target: Extract<Target, { kind: 'task' }>) => {
      const name = this.enter(task, group.outcome, target.name, region);
      if (name !== target.name) placed.set(target, name);
    };

    if (isGuardedGroup(group) && group.items.some((item) => item.guard === undefined)) {
      const transition = task.transitions[group.items[0].kind];
      this.bag.report('mixedTransition', transition?.range ?? task.range, group.items[0].kind, this.sourceOf(task));
      for (const target of taskTargets(group)) enter(target);
      return;
    }

    if (isForkGroup(group)) {
      const targets = taskTargets(group);
      if (targets.length !== group.items.length) {
        const command = group.items.find((item) => item.target.kind !== 'task') as TransitionItem;
        this.bag.report('invalidValue', command.target.range, `${this.sourceOf(task)}.${group.items[0].kind}`, "an engine command ('fail' or 'succeed') cannot be one of several targets without guards; give each target a guard");
        return;
      }
      const names = targets.map((target) => target.name).filter((name) => this.byName.has(name));
      this.openFork(region, { task: task.name, outcome: group.outcome }, names, `'${this.sourceOf(task)}' (${group.items[0].kind})`);
      return;
    }

    for (const item of group.items) {
      if (item.target.kind === 'task') enter(item.target);
    }
  }

  /** Follows one edge `from → to` inside `region` and returns the name of the state it leads to. */
  private enter(from: Task, outcome: 'success' | 'error', to: string, region: Region): string {
    const target = this.byName.get(to);
    if (!target) return to;
    const edge = `'${this.sourceOf(from)}' → '${to}'`;

    if (target.join === 'all') {
      this.reachedJoins.add(to);
      const closed = this.graph.forkClosedBy.get(to);
      const enclosing = region.parent?.fork;
      if (closed && !(enclosing && this.isCopyOf(enclosing, closed))) {
        this.bag.report('joinClosesTwoForks', from.range, to, describeFork(closed, this.graph), edge);
        if (region.parent) region.exits.push({ task: from.name, outcome, join: to });
      } else if (region.parent) {
        region.exits.push({ task: from.name, outcome, join: to });
      } else {
        this.bag.report('joinWithoutFork', from.range, to, edge);
        if (!this.graph.regionOf.has(to)) this.place(to, to, region);
      }
      return to;
    }

    return this.placeIn(to, region, from.range, edge);
  }

  /**
   * Returns the state of task `source` in `region`: the one placed there
   * already, the task itself when it has no placement yet, or else a copy.
   */
  private placeIn(source: string, region: Region, range: SourceRange, edge: string): string {
    const placedHere = this.placements.get(region)?.get(source);
    if (placedHere !== undefined) return placedHere;
    if (!this.graph.regionOf.has(source)) {
      this.place(source, source, region);
      return source;
    }

    return this.placeCopy(source, region, range, edge) ?? source;
  }

  /** Places a copy of `source` in `region`, or reports why it cannot and returns undefined. */
  private placeCopy(source: string, region: Region, range: SourceRange, edge: string): string | undefined {
    if (this.copies.total >= maxCopies) {
      const reason = `the workflow would need more than ${maxCopies} copies of tasks: close the forks with 'join: all' tasks where their branches meet`;
      this.bag.report('regionCrossing', range, edge, source, reason);
      return undefined;
    }

    const name = this.copies.nextName(source);
    this.place(source, name, region);
    return name;
  }

  private sourceOf(task: Task): string {
    return sourceTaskOf(this.graph, task.name);
  }

  /** Returns whether two forks are placements of the same fork of the source, one a copy of the other. */
  private isCopyOf(fork: Fork, other: Fork): boolean {
    const key = (candidate: Fork) => candidate.origin && `${sourceTaskOf(this.graph, candidate.origin.task)}|${candidate.origin.outcome}`;
    return fork !== other && key(fork) !== undefined && key(fork) === key(other);
  }

  /** Opens a fork in `region`, walks each branch, then places the join after it when one closes the fork. */
  private openFork(region: Region, origin: Fork['origin'], targets: string[], where: string): void {
    const fork: Fork = { id: this.graph.forks.length, origin, branches: [], region };
    const enclosing = this.enclosingCopyOf(fork, region);
    if (enclosing && origin) {
      const source = sourceTaskOf(this.graph, origin.task);
      const reason = `its copy would open the fork at '${source}' again inside a branch of that fork, a loop that crosses the fork boundary: keep the loop inside one branch, or close the fork with 'join: all' before looping back`;
      this.bag.report('regionCrossing', this.byName.get(source)?.range ?? this.tasks[0].range, `to '${source}'`, source, reason);
      return;
    }

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
      const from = origin ? `'${sourceTaskOf(this.graph, origin.task)}' → '${target}'` : `to start task '${target}'`;
      branch.entry = this.placeIn(target, branch, task?.range ?? this.tasks[0].range, from);
    }

    const join = this.closeFork(fork, targets, where);
    if (!join) return;

    const name = this.graph.regionOf.has(join) ? this.placeCopy(join, region, this.byName.get(join)?.range ?? this.tasks[0].range, `to '${join}'`) : join;
    if (!name) return;
    fork.join = name;
    this.graph.forkClosedBy.set(name, fork);
    if (name === join) this.place(join, join, region);
  }

  /** Returns the fork around `region` that `fork` copies, which only a loop through the fork can cause. */
  private enclosingCopyOf(fork: Fork, region: Region): Fork | undefined {
    for (let current: Region | undefined = region; current?.parent; current = current.parent.fork.region) {
      if (this.isCopyOf(fork, current.parent.fork)) return current.parent.fork;
    }
    return undefined;
  }

  /** Returns the task name of the join that closes the fork, or undefined when none does or the joins conflict. */
  private closeFork(fork: Fork, targets: string[], where: string): string | undefined {
    const joins = new Set(fork.branches.flatMap((branch) => branch.exits.map((exit) => exit.join)));
    // A join that already closes another fork has been reported where it is reached again.
    if ([...joins].some((join) => this.closesOtherFork(join, fork))) return undefined;

    if (joins.size > 1) {
      const reached = fork.branches
        .map((branch, index) => `'${targets[index]}' reaches ${[...new Set(branch.exits.map((exit) => `'${exit.join}'`))].join(' and ') || 'no join'}`)
        .join(', ');
      this.bag.report('forkJoinMismatch', this.rangeOfFork(fork), where, reached);
      return undefined;
    }

    return [...joins][0];
  }

  /** Returns whether `join` closes a fork other than `fork` and its copies. */
  private closesOtherFork(join: string, fork: Fork): boolean {
    const closed = this.graph.forkClosedBy.get(join);
    return closed !== undefined && !this.isCopyOf(fork, closed);
  }

  private rangeOfFork(fork: Fork) {
    const origin = fork.origin ? this.byName.get(sourceTaskOf(this.graph, fork.origin.task)) : undefined;
    if (origin) return origin.range;
    const first = fork.branches[0]?.entry;
    return (first && this.byName.get(first)?.range) || this.tasks[0].range;
  }
}

/** Describes a fork by its source task, so that a copy reads as the task the user wrote. */
export function describeFork(fork: Fork, graph: WorkflowGraph): string {
  return fork.origin ? `'${sourceTaskOf(graph, fork.origin.task)}'` : 'the start tasks';
}
