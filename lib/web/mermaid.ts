/**
 * Mermaid flowchart text for an ASL state machine. It has no Node.js or DOM
 * dependency, so the `graph` command and the web view's page share it.
 */

/** How far an execution got with a task, as the status API groups its tasks. */
export type TaskStatus = 'done' | 'running' | 'failed' | 'aborted' | 'notReached';

export interface MermaidOptions {
  /** Flowchart direction. @default 'TD' */
  direction?: 'TD' | 'LR';
  /** Status per state name. Each listed state gets the class of its status. */
  statuses?: Record<string, TaskStatus>;
  /**
   * Names of the workflow's tasks. When given, every other Task, Pass or Wait
   * state is drawn as a helper that the compiler added, such as the input defaults.
   */
  tasks?: readonly string[];
  /**
   * Task of each copied state, by state name (the metadata's `stateTasks`).
   * A copy is drawn as a task. When `statuses` does not list the copy's own
   * state name, the copy is not reached if its task is not reached, and
   * uncoloured otherwise, because its task may have run in another branch.
   */
  stateTasks?: Readonly<Record<string, string>>;
}

/** The part of an ASL definition that the graph reads. */
export interface AslStates {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
}

/** Fill and stroke of each status class, also used by the page's legend. */
export const STATUS_STYLES: Record<TaskStatus, string> = {
  done: 'fill:#d3f5dc,stroke:#1a7f37,color:#0b3d1a',
  running: 'fill:#dbeafe,stroke:#1d4ed8,color:#102a63,stroke-width:3px',
  failed: 'fill:#fde2e1,stroke:#b42318,color:#55160c,stroke-width:3px',
  aborted: 'fill:#fef0c7,stroke:#b54708,color:#4e1d09',
  notReached: 'fill:#f2f4f7,stroke:#98a2b3,color:#475467,stroke-dasharray:4 3',
};

const MAX_LABEL_LENGTH = 40;

/**
 * Converts ASL states to a Mermaid flowchart. Task, Pass and Wait states
 * are boxes, Choice states diamonds with their conditions on the edges, and
 * Catch edges dotted. A Parallel or Map state becomes a fork node and a join
 * node around its branches. Node ids are `s0`, `s1`, ... in visiting order,
 * because state names may contain characters that Mermaid ids reject.
 */
export function toMermaid(definition: AslStates, options: MermaidOptions = {}): string {
  const writer = new GraphWriter(options.tasks, options.stateTasks);
  // Mermaid reserves the word `end`, so the terminal nodes are `begin` and `finish`.
  const start = writer.terminal('begin', '((start))');
  const end = writer.terminal('finish', '((end))');

  const entry = writer.writeScope(definition, end);
  writer.edge(start, entry);

  const lines = [`flowchart ${options.direction ?? 'TD'}`, ...writer.lines];
  lines.push(...statusLines(writer, options.statuses ?? {}, options.stateTasks ?? {}));
  return lines.join('\n');
}

/** Returns the Mermaid node id of each state name that the graph contains. */
export function mermaidNodeIds(definition: AslStates): Record<string, string> {
  const writer = new GraphWriter();
  writer.writeScope(definition, writer.terminal('finish', '((end))'));
  return Object.fromEntries(writer.ids);
}

class GraphWriter {
  readonly lines: string[] = [];
  readonly ids = new Map<string, string>();
  private nextId = 0;

  constructor(
    private readonly tasks?: readonly string[],
    private readonly stateTasks: Readonly<Record<string, string>> = {},
  ) {}

  terminal(id: string, shape: string): string {
    this.lines.push(`  ${id}${shape}`);
    this.lines.push(`  class ${id} terminal`);
    return id;
  }

  edge(from: string, to: string, label?: string, dotted = false): void {
    const arrow = dotted ? '-.->' : '-->';
    const text = label ? `|"${escapeLabel(label)}"|` : '';
    this.lines.push(`  ${from} ${arrow}${text} ${to}`);
  }

  /**
   * Writes the states of one scope: the whole machine, one Parallel branch or
   * a Map's item processor. A state that ends the scope links to `exit`.
   * Returns the node id of the scope's StartAt state.
   */
  writeScope(scope: AslStates, exit: string): string {
    const entries = new Map<string, string>();
    for (const name of Object.keys(scope.States)) {
      entries.set(name, this.declare(name, scope.States[name]));
    }

    for (const [name, state] of Object.entries(scope.States)) {
      const node = this.ids.get(name)!;
      const outgoing = this.writeInner(name, state, node);
      this.writeTransitions(state, outgoing, entries, exit);
    }
    return entries.get(scope.StartAt) ?? exit;
  }

  private declare(name: string, state: Record<string, unknown>): string {
    const id = `s${this.nextId++}`;
    this.ids.set(name, id);
    const label = `"${escapeLabel(name)}"`;

    switch (state.Type) {
      case 'Choice':
        this.lines.push(`  ${id}{${label}}`);
        this.lines.push(`  class ${id} helper`);
        break;
      case 'Parallel':
      case 'Map':
        this.lines.push(`  ${id}[[${label}]]`);
        this.lines.push(`  class ${id} helper`);
        break;
      case 'Succeed':
      case 'Fail':
        this.lines.push(`  ${id}([${label}])`);
        break;
      default:
        this.lines.push(`  ${id}[${label}]`);
        if (this.tasks && !this.tasks.includes(this.stateTasks[name] ?? name)) {
          this.lines.push(`  class ${id} helper`);
        }
    }
    return id;
  }

  /** Writes the branches of a Parallel or Map state. Returns the node that the state's own transitions leave from. */
  private writeInner(name: string, state: Record<string, unknown>, node: string): string {
    const scopes = innerScopes(state);
    if (scopes.length === 0) return node;

    const join = `s${this.nextId++}`;
    this.lines.push(`  ${join}(("join"))`);
    this.lines.push(`  class ${join} helper`);
    for (const scope of scopes) {
      const entry = this.writeScope(scope, join);
      this.edge(node, entry, state.Type === 'Map' ? `each item of ${name}` : undefined);
    }
    return join;
  }

  private writeTransitions(state: Record<string, unknown>, from: string, entries: Map<string, string>, exit: string): void {
    const target = (name: unknown): string => entries.get(String(name)) ?? exit;

    for (const choice of arrayOf(state.Choices)) {
      this.edge(from, target(choice.Next), conditionLabel(choice.Condition));
    }
    if (state.Default !== undefined) {
      this.edge(from, target(state.Default), 'otherwise');
    }
    if (typeof state.Next === 'string') {
      this.edge(from, target(state.Next));
    }
    if (state.End === true || state.Type === 'Succeed') {
      this.edge(from, exit);
    }
    for (const handler of arrayOf(state.Catch)) {
      const errors = Array.isArray(handler.ErrorEquals) ? handler.ErrorEquals.join(', ') : 'error';
      this.edge(from, target(handler.Next), errors, true);
    }
  }
}

function innerScopes(state: Record<string, unknown>): AslStates[] {
  if (state.Type === 'Parallel') {
    return arrayOf(state.Branches) as unknown as AslStates[];
  }
  if (state.Type === 'Map') {
    const processor = (state.ItemProcessor ?? state.Iterator) as AslStates | undefined;
    return processor ? [processor] : [];
  }
  return [];
}

function statusLines(writer: GraphWriter, statuses: Record<string, TaskStatus>, stateTasks: Readonly<Record<string, string>>): string[] {
  const lines = [
    '  classDef terminal fill:#101828,stroke:#101828,color:#ffffff',
    '  classDef helper fill:#ffffff,stroke:#98a2b3,color:#475467',
  ];
  for (const [status, style] of Object.entries(STATUS_STYLES)) {
    lines.push(`  classDef ${status} ${style}`);
  }

  const byStatus = new Map<TaskStatus, string[]>();
  const add = (name: string, status: TaskStatus) => {
    const id = writer.ids.get(name);
    if (id) byStatus.set(status, [...(byStatus.get(status) ?? []), id]);
  };
  for (const [name, status] of Object.entries(statuses)) add(name, status);
  for (const [name, task] of Object.entries(stateTasks)) {
    if (statuses[name] === undefined && statuses[task] === 'notReached') add(name, 'notReached');
  }
  for (const [status, ids] of byStatus) {
    lines.push(`  class ${ids.join(',')} ${status}`);
  }
  return lines;
}

/** Returns a Choice rule's JSONata condition without its `{% %}` delimiters, shortened for an edge label. */
function conditionLabel(condition: unknown): string {
  const text = typeof condition === 'string' ? condition.replace(/^\{%\s*|\s*%\}$/g, '') : 'condition';
  return text.length > MAX_LABEL_LENGTH ? `${text.slice(0, MAX_LABEL_LENGTH - 1)}…` : text;
}

/**
 * Escapes a quoted Mermaid label so that state names and JSONata show as text
 * with `htmlLabels: false`. Mermaid 11 prints its `#code;` entities literally
 * there (as `&#60;`), so characters stay as they are, with these exceptions.
 * A double quote, which would end the label, becomes the fullwidth quotation
 * mark `＂`. A zero-width space follows a `<` that would start an HTML tag,
 * which Mermaid's sanitizer drops, and a `#` that would start a `#name;`
 * entity. A line break, which would end the Mermaid statement, becomes a space.
 */
export function escapeLabel(text: string): string {
  return text
    .replace(/"/g, '\uFF02')
    .replace(/<(?=[A-Za-z!/?])/g, '<\u200B')
    .replace(/#(?=\w+;)/g, '#\u200B')
    .replace(/\r?\n/g, ' ');
}

function arrayOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}
