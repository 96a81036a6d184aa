import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Task, ValueTree } from '../../dsl/model';
import type { StdActionSpec } from './std-actions';

const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Largest `Seconds` of a Wait state, in seconds (99999999, the Step Functions maximum). */
const maxWaitSeconds = 99999999;

/** Reports unknown, ignored, missing and invalid parameters of a standard action. */
export function checkStdParameters(task: Task, spec: StdActionSpec, bag: DiagnosticBag): void {
  const input = task.input;
  const range = task.actionRange;
  if (input !== undefined && input.kind !== 'object') {
    const acceptsAnyValue = spec.state === 'lambda' || spec.state === 'callback';
    if (!acceptsAnyValue) bag.report('stdInputNotMapping', range, task.action, listOf(spec.parameters));
    return;
  }

  const entries = new Map(input?.entries ?? []);
  for (const key of entries.keys()) {
    if (spec.ignored && key in spec.ignored) bag.report('stdIgnoredParameter', range, key, task.action, spec.ignored[key]);
    else if (!spec.parameters.includes(key)) bag.report('stdUnknownParameter', range, key, task.action, listOf(spec.parameters));
  }
  for (const key of spec.required) {
    if (!entries.has(key)) bag.report('stdMissingParameter', range, key, task.action);
  }

  const invalid = (key: string, reason: string) => bag.report('stdInvalidParameter', valueRange(entries.get(key)) ?? range, key, task.action, reason);
  for (const [key, reason] of invalidLiterals(task.action, entries)) invalid(key, reason);
}

/** Returns the reason that each literal parameter value is invalid. Expressions are checked at run time. */
function invalidLiterals(action: string, entries: ReadonlyMap<string, ValueTree>): [string, string][] {
  const problems: [string, string][] = [];
  const literal = (key: string) => {
    const value = entries.get(key);
    return value?.kind === 'literal' ? value.value : undefined;
  };

  if (action === 'std.sleep') {
    const seconds = literal('seconds');
    const valid = typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 && seconds <= maxWaitSeconds;
    if (entries.get('seconds')?.kind === 'literal' && !valid) problems.push(['seconds', `write a whole number of seconds from 0 to ${maxWaitSeconds}, or an expression`]);
  }
  if (action === 'std.http') {
    const url = literal('url');
    if (entries.get('url')?.kind === 'literal' && !(typeof url === 'string' && /^https?:\/\/[^/]/i.test(url))) problems.push(['url', 'write an http:// or https:// URL']);
    const method = literal('method');
    if (entries.get('method')?.kind === 'literal' && !(typeof method === 'string' && httpMethods.includes(method.toUpperCase()))) problems.push(['method', `write one of ${httpMethods.join(', ')}`]);
    const timeout = literal('timeout');
    if (entries.get('timeout')?.kind === 'literal' && !(typeof timeout === 'number' && timeout > 0)) problems.push(['timeout', 'write a positive number of seconds']);
    if (entries.has('body') && entries.has('json')) problems.push(['json', "give either 'body' or 'json', not both"]);
  }
  if (action === 'std.sms') {
    const to = literal('to');
    if (entries.get('to')?.kind === 'literal' && !(typeof to === 'string' && /^\+[1-9]\d{1,14}$/.test(to))) problems.push(['to', 'write one phone number in E.164 form, such as +15550100']);
  }
  if (action === 'std.email') {
    for (const key of ['to_addrs', 'cc_addrs', 'bcc_addrs', 'reply_to']) {
      if (entries.get(key)?.kind === 'literal') problems.push([key, 'write a list of addresses, such as [ops@example.com]']);
    }
  }

  return problems;
}

function valueRange(value: ValueTree | undefined) {
  if (value?.kind === 'expression') return value.expression.range;
  return undefined;
}

function listOf(parameters: readonly string[]): string {
  return parameters.length === 0 ? 'no input' : parameters.map((name) => `'${name}'`).join(', ');
}
