import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { DiagnosticBag, SourceRange } from '../diagnostics/diagnostic';
import type { Trigger, WorkflowInput } from './model';
import type { SourceDocument } from './source-document';
import { parseScheduleExpression, translatePattern } from './triggers-expression';

/** EventBridge Scheduler limit on schedule names, which are `<workflow>-<trigger>`. */
const MAX_SCHEDULE_NAME_LENGTH = 64;

/**
 * Reads the top-level `triggers` list, which the schema has checked, and
 * reports invalid patterns, timezones and inputs. Invalid triggers are left out.
 */
export function readTriggers(node: Node | undefined, workflowName: string, inputs: WorkflowInput[], source: SourceDocument, bag: DiagnosticBag): Trigger[] {
  if (!isSeq(node)) return [];

  const triggers: Trigger[] = [];
  const names = new Set<string>();
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const map = item as YAMLMap;
    const field = (key: string) => map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
    const name = String((field('name')?.value as { value?: unknown } | undefined)?.value);
    const range = rangeOfNode(field('name')?.value as Node, source);

    if (names.has(name)) bag.report('duplicateTriggerName', range, name);
    names.add(name);
    const scheduleName = `${workflowName}-${name}`;
    if (scheduleName.length > MAX_SCHEDULE_NAME_LENGTH) {
      bag.report('scheduleNameTooLong', range, scheduleName, String(scheduleName.length), String(MAX_SCHEDULE_NAME_LENGTH));
    }

    const patternNode = field('pattern')?.value as Node;
    const expression = readExpression(String((patternNode as { value?: unknown }).value), name, rangeOfNode(patternNode, source), bag);
    const timezoneNode = field('timezone')?.value as Node | undefined;
    const timezone = timezoneNode ? String((timezoneNode as { value?: unknown }).value) : 'UTC';
    const timezoneValid = timezoneNode ? checkTimezone(timezone, name, rangeOfNode(timezoneNode, source), bag) : true;
    const inputNode = field('input')?.value as Node | undefined;
    const input = readTriggerInput(inputNode, name, inputs, range, source, bag);

    if (expression !== undefined && timezoneValid && input !== undefined) triggers.push({ name, expression, timezone, input, range });
  }

  return triggers;
}

function readExpression(pattern: string, trigger: string, range: SourceRange, bag: DiagnosticBag): string | undefined {
  const translated = translatePattern(pattern);
  if (!translated.ok) {
    bag.report('invalidTriggerPattern', range, pattern, trigger, translated.reason);
    return undefined;
  }

  const parsed = parseScheduleExpression(translated.value);
  if (!parsed.ok) {
    bag.report('invalidTriggerPattern', range, pattern, trigger, parsed.reason);
    return undefined;
  }

  return translated.value;
}

function checkTimezone(timezone: string, trigger: string, range: SourceRange, bag: DiagnosticBag): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    bag.report('invalidTriggerTimezone', range, timezone, trigger);
    return false;
  }
}

function readTriggerInput(node: Node | undefined, trigger: string, inputs: WorkflowInput[], triggerRange: SourceRange, source: SourceDocument, bag: DiagnosticBag): Record<string, unknown> | undefined {
  const input: Record<string, unknown> = {};
  const declared = new Set(inputs.map((declaredInput) => declaredInput.name));
  const declaredList = inputs.length === 0 ? 'none' : inputs.map((declaredInput) => `'${declaredInput.name}'`).join(', ');
  let valid = true;

  const pairs = isMap(node) ? (node as YAMLMap).items : [];
  for (const pair of pairs) {
    const name = String((pair.key as { value?: unknown }).value);
    const range = rangeOfNode(pair.key as Node, source);
    const value: unknown = (pair.value as Node | null)?.toJSON() ?? null;
    if (!declared.has(name)) {
      bag.report('unknownTriggerInput', range, trigger, name, declaredList);
      valid = false;
    } else if (containsExpression(value)) {
      bag.report('triggerInputExpression', range, trigger, name);
      valid = false;
    }
    input[name] = value;
  }

  for (const declaredInput of inputs) {
    if (declaredInput.default === undefined && !(declaredInput.name in input)) {
      bag.report('missingTriggerInput', triggerRange, trigger, declaredInput.name);
      valid = false;
    }
  }

  return valid ? input : undefined;
}

function containsExpression(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('<%');
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
  return false;
}

function rangeOfNode(node: Node | undefined, source: SourceDocument): SourceRange {
  return source.rangeOf([node?.range?.[0] ?? 0, node?.range?.[1] ?? 0]);
}
