import { isMap, isScalar, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic';
import { SourceDocument } from './source-document';

/**
 * Layout of the workflows in a file:
 * - `workflow`: one Sirocco workflow with `version`, `name` and `tasks` at the top.
 * - `workflows`: Mistral's workflow file, `version` and then one key per workflow name.
 * - `workbook`: Mistral's workbook, `version`, `name`, `workflows` and `actions`.
 */
export type FileLayout = 'workflow' | 'workflows' | 'workbook';

/** One workflow of a file, read on its own as a Sirocco workflow. */
export interface WorkflowSection {
  /** State machine name: the workflow key, or `<workbook>-<workflow>` in a workbook. */
  name: string;
  /** Name of the workflow as the file writes it. */
  key: string;
  /**
   * Document whose root is the workflow's mapping, with `version` and `name`
   * added, so that the schema and the reader see a Sirocco workflow.
   * Positions still point into the whole file.
   */
  source: SourceDocument;
}

export interface FileSections {
  layout: FileLayout;
  workflows: WorkflowSection[];
  /** Ad-hoc action definitions: a workbook's `actions`, or the top-level keys with `base`. */
  actions: Pair[];
}

/** Top-level keys that a workbook may hold besides `workflows`. */
const workbookKeys = new Set(['version', 'name', 'description', 'tags', 'workflows', 'actions']);
/** Top-level keys of a Mistral workflow file that are not workflow names. */
const fileKeys = new Set(['version', 'description', 'tags']);
const stateMachineName = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Finds the workflows of a file and its layout. A mapping with `tasks` at the
 * top (or `name` without `workflows`) is one Sirocco workflow, which this
 * function leaves to the caller. A mapping with `workflows` is a workbook, and
 * any other mapping is a Mistral workflow file. Problems of the layout itself,
 * such as a wrong version or a workflow that is not a mapping, go to `bag`.
 */
export function readFileSections(source: SourceDocument, bag: DiagnosticBag): FileSections {
  const root = source.document.contents as YAMLMap;
  const workbook = pairOf(root, 'workflows') !== undefined;
  if (pairOf(root, 'tasks') || (pairOf(root, 'name') && !workbook)) return { layout: 'workflow', workflows: [], actions: [] };

  checkVersion(root, source, bag);

  if (workbook) {
    const actions = pairOf(root, 'actions')?.value;
    return { layout: 'workbook', workflows: readWorkbook(root, source, bag), actions: isMap(actions) ? actionPairs(actions.items, source, bag) : [] };
  }

  const keyPairs = root.items.filter((pair) => !fileKeys.has(keyText(pair)));
  const actions = actionPairs(keyPairs.filter((pair) => isMap(pair.value) && pairOf(pair.value, 'base')), source, bag);
  const workflowPairs = keyPairs.filter((pair) => !actions.includes(pair));
  if (keyPairs.length === 0) bag.report('noWorkflows', { start: { line: 1, column: 1 } });

  const workflows: WorkflowSection[] = [];
  for (const pair of workflowPairs) {
    const key = keyText(pair);
    const section = readSection(pair, key, key, [key], source, bag);
    if (section) workflows.push(section);
  }

  return { layout: 'workflows', workflows, actions };
}

function readWorkbook(root: YAMLMap, source: SourceDocument, bag: DiagnosticBag): WorkflowSection[] {
  for (const pair of root.items) {
    const key = keyText(pair);
    if (!workbookKeys.has(key)) bag.report('unknownWorkbookKey', rangeOfNode(pair.key as Node, source), key);
  }
  const namePair = pairOf(root, 'name');
  if (!namePair || !isScalar(namePair.value) || typeof namePair.value.value !== 'string') {
    bag.report('missingWorkbookName', namePair ? rangeOfNode(namePair.key as Node, source) : { start: { line: 1, column: 1 } });
    return [];
  }
  const workbook = namePair.value.value;

  const workflowsPair = pairOf(root, 'workflows') as Pair;
  if (!isMap(workflowsPair.value)) {
    bag.report('workflowNotMapping', rangeOfNode(workflowsPair.key as Node, source), 'workflows', 'a mapping of workflow names to workflows');
    return [];
  }

  const keys = new Set(workflowsPair.value.items.map(keyText));
  const sections: WorkflowSection[] = [];
  for (const pair of workflowsPair.value.items) {
    const key = keyText(pair);
    const section = readSection(pair, key, `${workbook}-${key}`, ['workflows', key], source, bag);
    if (section) qualifyWorkflowReferences(section.source.document.contents as YAMLMap, workbook, keys);
    if (section) sections.push(section);
  }

  return sections;
}

/** Builds the section of one workflow mapping found at `path`, or reports why it is not one. */
function readSection(
  pair: Pair,
  key: string,
  name: string,
  path: string[],
  source: SourceDocument,
  bag: DiagnosticBag,
): WorkflowSection | undefined {
  const keyRange = rangeOfNode(pair.key as Node, source);
  if (!isMap(pair.value)) {
    bag.report('workflowNotMapping', keyRange, key, 'a workflow mapping with tasks');
    return undefined;
  }
  if (!stateMachineName.test(name)) {
    bag.report('invalidWorkflowName', keyRange, name);
    return undefined;
  }

  // A second parse gives the section its own nodes, so that edits below leave the file's document as it is.
  const section = new SourceDocument(source.text);
  const body = section.nodeAt(path) as YAMLMap;
  section.document.contents = body;
  dropDirectType(body);
  body.items.unshift(section.document.createPair('version', '2.0'), section.document.createPair('name', name));

  return { name, key, source: section };
}

/**
 * Prefixes each `workflow:` reference to a workflow of the same workbook
 * with the workbook name, as Mistral resolves it, so that the task starts
 * the state machine `<workbook>-<workflow>`.
 */
function qualifyWorkflowReferences(body: YAMLMap, workbook: string, keys: ReadonlySet<string>): void {
  const tasks = pairOf(body, 'tasks')?.value;
  if (!isMap(tasks)) return;

  for (const taskPair of tasks.items) {
    const reference = isMap(taskPair.value) ? pairOf(taskPair.value, 'workflow')?.value : undefined;
    if (!isScalar(reference) || typeof reference.value !== 'string') continue;
    const name = reference.value.split(/\s/)[0];
    // NOTE: positions reported inside inline parameters of a qualified reference shift by the prefix length.
    if (keys.has(name)) reference.value = `${workbook}.${reference.value}`;
  }
}

/** Returns the pairs whose value is a mapping, the form of an ad-hoc action, and reports the others. */
function actionPairs(pairs: Pair[], source: SourceDocument, bag: DiagnosticBag): Pair[] {
  for (const pair of pairs.filter((candidate) => !isMap(candidate.value))) {
    bag.report('workflowNotMapping', rangeOfNode(pair.key as Node, source), keyText(pair), 'an ad-hoc action mapping with base');
  }
  return pairs.filter((pair) => isMap(pair.value));
}

/** Removes `type: direct`, Mistral's default, which needs no translation. Other types stay for the schema to report. */
function dropDirectType(body: YAMLMap): void {
  const index = body.items.findIndex((pair) => keyText(pair) === 'type');
  const value = index >= 0 ? body.items[index].value : undefined;
  if (isScalar(value) && value.value === 'direct') body.items.splice(index, 1);
}

function checkVersion(root: YAMLMap, source: SourceDocument, bag: DiagnosticBag): void {
  const pair = pairOf(root, 'version');
  if (!pair) {
    bag.report('missingKey', { start: { line: 1, column: 1 } }, 'version', ' at the top level');
    return;
  }
  const value = pair.value instanceof Scalar ? pair.value.value : undefined;
  if (value !== '2.0') bag.report('unsupportedVersion', rangeOfNode(pair.value as Node, source), String(value));
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => keyText(pair) === key);
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function rangeOfNode(node: Node | null | undefined, source: SourceDocument) {
  return source.rangeOf([node?.range?.[0] ?? 0, node?.range?.[1] ?? 0]);
}
