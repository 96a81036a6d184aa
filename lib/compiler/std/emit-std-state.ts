import type { Task, ValueTree } from '../../dsl/model';
import { renderRenamed } from '../emit/bindings';
import { comment, failError, type EmitContext } from '../emit/context';
import { jsonataString, renderValue, toAslValue } from '../emit/jsonata-text';
import { stdActionOf } from './std-actions';
import { stdParameter } from './std-results';

type State = Record<string, unknown>;

/**
 * Emits the state of a standard action that is not a Lambda call: Pass,
 * Wait, Fail, or a Task that calls SNS or SES directly, which keeps the
 * `TimeoutSeconds` and `Retry` of the `taskState` built for the task.
 * Returns undefined for the other actions.
 */
export function emitStdState(task: Task, taskState: State, context: EmitContext, renames: ReadonlyMap<string, string>): State | undefined {
  const spec = stdActionOf(task.action);
  if (!spec) return undefined;

  const render = (value: ValueTree) => toAslValue(value, (expression) => renderRenamed(expression, renames));
  const parameter = (name: string) => {
    const value = stdParameter(task, name);
    return value === undefined ? undefined : render(value);
  };
  const base = { Type: 'Pass', Comment: comment(context, task.range.start.line) };

  switch (spec.state) {
    case 'pass': {
      const output = parameter('output');
      return output === undefined ? base : { ...base, Output: output };
    }
    case 'wait':
      return { ...base, Type: 'Wait', Seconds: parameter('seconds') };
    case 'fail':
      return { ...base, Type: 'Fail', Error: failError, Cause: failCause(task, renames) };
    case 'sns':
      return { ...taskState, Resource: 'arn:aws:states:::sns:publish', Arguments: { PhoneNumber: parameter('to'), Message: parameter('message') } };
    case 'ses':
      return { ...taskState, Resource: 'arn:aws:states:::aws-sdk:sesv2:sendEmail', Arguments: sendEmailArguments(parameter) };
    default:
      return undefined;
  }
}

/** Returns the `Cause` of std.fail: its `error_data` as text, or a sentence naming the task. */
function failCause(task: Task, renames: ReadonlyMap<string, string>): unknown {
  const data = stdParameter(task, 'error_data');
  if (data === undefined) return `Task '${task.name}' ran std.fail.`;
  if (data.kind === 'literal' && typeof data.value === 'string') return toAslValue(data, (expression) => expression.text);

  const text = renderValue(data, (expression) => renderRenamed(expression, renames));
  return jsonataString(data.kind === 'template' ? text : `$string(${text})`);
}

/** Builds the SES v2 SendEmail request from the Mistral std.email parameters. */
function sendEmailArguments(parameter: (name: string) => unknown): State {
  const destination: State = { ToAddresses: parameter('to_addrs') };
  if (parameter('cc_addrs') !== undefined) destination.CcAddresses = parameter('cc_addrs');
  if (parameter('bcc_addrs') !== undefined) destination.BccAddresses = parameter('bcc_addrs');

  const body: State = {};
  if (parameter('body') !== undefined) body.Text = { Data: parameter('body') };
  if (parameter('html_body') !== undefined) body.Html = { Data: parameter('html_body') };

  const request: State = {
    FromEmailAddress: parameter('from_addr'),
    Destination: destination,
    Content: { Simple: { Subject: { Data: parameter('subject') }, Body: body } },
  };
  if (parameter('reply_to') !== undefined) request.ReplyToAddresses = parameter('reply_to');

  return request;
}
