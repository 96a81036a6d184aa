import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic';
import type {
  NamedValue,
  Target,
  Task,
  Transition,
  TransitionItem,
  TransitionKind,
  Workflow,
  WorkflowInput,
} from './model';
import { readControlFlow, readRetry } from './read-control-flow';
import { applyControlDefaults, readControlDefaults } from './control-defaults';
import { mergeInlineInput, readInlineAction } from './read-inline-action';
import { ValueReader } from './read-values';
import type { SourceDocument } from './source-document';
import { readTriggers } from './triggers';

const transitionKinds: TransitionKind[] = ['on-success', 'on-error', 'on-complete'];
/** `fail`, `fail msg="..."` or `fail(msg="...")`, with the message in group 1, 2, 3 or 4. */
const failCommand = /^fail(?:\s+msg=(?:"((?:[^"\\]|\\.)*)"|'([^']*)')|\(\s*msg=(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*\))?\s*$/;

/**
 * Builds the workflow model from a document that matches the schema.
 * Expressions are parsed here, so their syntax errors go to `bag`.
 */
export function readWorkflow(source: SourceDocument, bag: DiagnosticBag): Workflow {
  const reader = new ValueReader(source, bag);
  const root = source.document.contents as YAMLMap;
  const get = (map: YAMLMap, key: string) => map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);

  const inputPair = get(root, 'input');
  const varsPair = get(root, 'vars');
  const defaultsPair = get(root, 'task-defaults');
  const outputPair = get(root, 'output');
  const outputOnErrorPair = get(root, 'output-on-error');
  const tasksMap = get(root, 'tasks')?.value as YAMLMap;
  const positionPair = inputPair ?? varsPair;

  const defaults = isMap(defaultsPair?.value) ? readTaskDefaults(defaultsPair.value as YAMLMap, reader, source) : {};
  const tasks = tasksMap.items.map((pair) =>
    readTask(pair as Pair<Scalar, YAMLMap>, reader, source, defaults, bag),
  );
  const controlDefaults = isMap(defaultsPair?.value) ? readControlDefaults(defaultsPair.value as YAMLMap) : {};
  for (const task of tasks) applyControlDefaults(task, controlDefaults);

  const name = String(source.document.get('name'));
  const input = readInputs(inputPair?.value as Node | undefined, source);
  const triggers = readTriggers(get(root, 'triggers')?.value as Node | undefined, name, input, source, bag);

  return {
    name,
    description: source.document.get('description') as string | undefined,
    input,
    inputPosition: positionPair ? source.rangeOf(rangeOf(positionPair.key as Node)).start : undefined,
    vars: readNamedValues(varsPair?.value as Node | undefined, reader, source),
    output: outputPair ? reader.read(outputPair.value as Node) : undefined,
    outputOnError: outputOnErrorPair ? reader.read(outputOnErrorPair.value as Node) : undefined,
    outputOnErrorRange: outputOnErrorPair ? source.rangeOf(rangeOf(outputOnErrorPair.key as Node)) : undefined,
    tasks,
    ...(triggers.length > 0 ? { triggers } : {}),
  };
}

function rangeOf(node: Node): [number, number] {
  return [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
}

function readInputs(node: Node | undefined, source: SourceDocument): WorkflowInput[] {
  if (!isSeq(node)) return [];

  return node.items.map((item) => {
    if (isMap(item)) {
      const pair = item.items[0];
      const name = String((pair.key as Scalar).value);
      return { name, default: (pair.value as Node | null)?.toJSON(), range: source.rangeOf(rangeOf(pair.key as Node)) };
    }
    return { name: String((item as Scalar).value), range: source.rangeOf(rangeOf(item as Node)) };
  });
}

function readNamedValues(node: Node | undefined, reader: ValueReader, source: SourceDocument): NamedValue[] {
  if (!isMap(node)) return [];

  return node.items.map((pair) => ({
    name: String((pair.key as Scalar).value),
    value: reader.read(pair.value as Node | null),
    range: source.rangeOf(rangeOf(pair.key as Node)),
  }));
}

type TaskDefaults = Partial<Record<TransitionKind, Transition>> & { timeout?: number; retry?: Task['retry'] };

function readTaskDefaults(map: YAMLMap, reader: ValueReader, source: SourceDocument): TaskDefaults {
  const defaults: TaskDefaults = {};
  for (const pair of map.items) {
    const key = String((pair.key as Scalar).value);
    if (key === 'timeout') defaults.timeout = Number((pair.value as Scalar).value);
    if (key === 'retry') defaults.retry = readRetry(pair.value as Node, reader);
    if (transitionKinds.includes(key as TransitionKind)) {
      defaults[key as TransitionKind] = readTransition(key as TransitionKind, pair as Pair<Scalar, Node>, reader, source);
    }
  }

  return defaults;
}

function readTask(pair: Pair<Scalar, YAMLMap>, reader: ValueReader, source: SourceDocument, defaults: TaskDefaults, bag: DiagnosticBag): Task {
  const name = String(pair.key.value);
  const body = pair.value as YAMLMap;
  const field = (key: string) => body.items.find((item) => isScalar(item.key) && item.key.value === key);
  const actionNode = field('action')?.value as Scalar;
  const inputPair = field('input');
  const timeoutPair = field('timeout');
  const joinPair = field('join');

  const transitions: Task['transitions'] = {};
  for (const kind of transitionKinds) {
    const transitionPair = field(kind);
    if (transitionPair) {
      transitions[kind] = readTransition(kind, transitionPair as Pair<Scalar, Node>, reader, source);
    } else if (defaults[kind] && !targetsTask(defaults[kind], name)) {
      transitions[kind] = defaults[kind];
    }
  }

  const workflowNode = field('workflow')?.value as Scalar | undefined;
  const inline = readInlineAction(actionNode ?? workflowNode, reader, source, bag);
  const task: Task = {
    name,
    range: source.rangeOf(rangeOf(pair.key)),
    action: workflowNode ? '' : inline.action,
    actionRange: inline.actionRange,
    publish: readNamedValues(field('publish')?.value as Node | undefined, reader, source),
    publishOnError: readNamedValues(field('publish-on-error')?.value as Node | undefined, reader, source),
    transitions,
  };
  const input = inputPair ? reader.read(inputPair.value as Node | null) : undefined;
  const inputRange = inputPair ? source.rangeOf(rangeOf(inputPair.key as Node)) : undefined;
  const merged = mergeInlineInput(input, inline.entries, name, inputRange, bag);
  if (merged) task.input = merged;
  // A dotted reference `workbook.workflow` names the state machine `workbook-workflow`.
  if (workflowNode) task.workflow = inline.action.replace(/\./g, '-');
  if (joinPair) {
    const joinNode = joinPair.value as Scalar;
    task.joinSpec = {
      value: String(joinNode.value),
      range: source.rangeOf(rangeOf(joinNode)),
      keyRange: source.rangeOf(rangeOf(joinPair.key as Node)),
    };
    // Every join form closes a fork in the graph, and checkStructure reports the unsupported ones.
    task.join = 'all';
  }
  const timeout = timeoutPair ? Number((timeoutPair.value as Scalar).value) : defaults.timeout;
  if (timeout !== undefined) task.timeout = timeout;
  const retry = field('retry') ? readRetry(field('retry')?.value as Node, reader) : defaults.retry;
  if (retry !== undefined) task.retry = retry;
  readControlFlow(task, body, reader, source, bag);

  return task;
}

function targetsTask(transition: Transition, name: string): boolean {
  return transition.items.some((item) => item.target.kind === 'task' && item.target.name === name);
}

function readTransition(kind: TransitionKind, pair: Pair<Scalar, Node>, reader: ValueReader, source: SourceDocument): Transition {
  const value = pair.value;
  const items: TransitionItem[] = [];

  const nodes = isSeq(value) ? (value.items as Node[]) : [value];
  for (const node of nodes) {
    if (isScalar(node)) {
      items.push({ target: readTarget(String(node.value), node, reader, source) });
    } else if (isMap(node)) {
      const entry = node.items[0];
      const targetNode = entry.key as Scalar;
      if (isMap(entry.value)) {
        items.push({ target: readFailMap(entry.value as YAMLMap, targetNode, reader, source) });
        continue;
      }
      const guardNode = entry.value as Scalar;
      items.push({ target: readTarget(String(targetNode.value), targetNode, reader, source), guard: readGuard(guardNode, reader) ?? true });
    }
  }

  return { kind, items, range: source.rangeOf(rangeOf(pair.key)) };
}

function readGuard(node: Scalar, reader: ValueReader): TransitionItem['guard'] {
  if (node.value === true) return true;

  const tree = reader.readString(String(node.value), node);
  if (tree.kind === 'expression') return tree.expression;

  reader.reportInvalidGuard(node);
  return undefined;
}

/** Reads the map form of a fail command, `- fail: {msg: text}`, which the schema allows only for `fail`. */
function readFailMap(map: YAMLMap, key: Scalar, reader: ValueReader, source: SourceDocument): Target {
  const messageNode = map.items[0].value as Scalar;
  return { kind: 'fail', message: reader.readString(String(messageNode.value), messageNode), range: source.rangeOf(rangeOf(key)) };
}

function readTarget(text: string, node: Node, reader: ValueReader, source: SourceDocument): Target {
  const range = source.rangeOf(rangeOf(node));
  if (text === 'succeed') return { kind: 'succeed', range };
  if (text === 'noop') return { kind: 'noop', range };
  // Mistral's `pause` pauses the execution, and after a resume nothing follows on that path.
  if (text === 'pause') return { kind: 'succeed', range, pause: true };

  const fail = failCommand.exec(text);
  if (!fail) return { kind: 'task', name: text, range };

  const message = fail[1] ?? fail[2] ?? fail[3] ?? fail[4];
  if (message === undefined) return { kind: 'fail', range };

  const offset = text.indexOf('msg=') + 5;
  return { kind: 'fail', message: reader.readString(message, node, offset), range };
}
