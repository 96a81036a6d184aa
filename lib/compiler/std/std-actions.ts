import { actionSubstitutionKey, approvalAction, approvalSubstitutionKey } from '../emit/context';
import type { Substitution } from '../types';

/**
 * The standard actions (`std.*`) that compile to Step Functions states of
 * their own instead of a Lambda of lambdas/actions. `std.approval` is
 * compiled by emit-task.ts and is not listed here.
 */

/** ASL state that a standard action compiles to. */
export type StdStateKind = 'pass' | 'wait' | 'fail' | 'sns' | 'ses' | 'lambda' | 'callback';

export interface StdActionSpec {
  state: StdStateKind;
  /** Input keys the action accepts. */
  parameters: readonly string[];
  required: readonly string[];
  /** Mistral parameters that have no Step Functions form: accepted, ignored and reported. */
  ignored?: Readonly<Record<string, string>>;
  /** Placeholder of the function ARN in `definitionSubstitutions`, for the Lambda-backed actions. */
  functionKey?: string;
}

export const stdHttpFunctionKey = 'StdHttpFunction';
export const callbackTokenFunctionKey = 'CallbackTokenFunction';

export const stdActions: Readonly<Record<string, StdActionSpec>> = {
  'std.noop': { state: 'pass', parameters: [], required: [] },
  'std.echo': { state: 'pass', parameters: ['output'], required: ['output'] },
  'std.fail': { state: 'fail', parameters: ['error_data'], required: [] },
  'std.sleep': { state: 'wait', parameters: ['seconds'], required: ['seconds'] },
  'std.http': {
    state: 'lambda',
    parameters: ['url', 'method', 'params', 'headers', 'body', 'json', 'timeout'],
    required: ['url'],
    ignored: {
      allow_redirects: 'the function follows redirects',
      verify: 'the function always verifies TLS certificates',
    },
    functionKey: stdHttpFunctionKey,
  },
  'std.sms': { state: 'sns', parameters: ['to', 'message'], required: ['to', 'message'] },
  'std.email': {
    state: 'ses',
    parameters: ['from_addr', 'to_addrs', 'cc_addrs', 'bcc_addrs', 'reply_to', 'subject', 'body', 'html_body'],
    required: ['from_addr', 'to_addrs', 'subject', 'body'],
    ignored: {
      smtp_server: 'Amazon SES sends the message',
      smtp_password: 'Amazon SES sends the message',
    },
  },
  'std.async_noop': { state: 'callback', parameters: [], required: [], functionKey: callbackTokenFunctionKey },
};

export const stdActionNames = Object.keys(stdActions);

export function stdActionOf(action: string): StdActionSpec | undefined {
  return Object.prototype.hasOwnProperty.call(stdActions, action) ? stdActions[action] : undefined;
}

/** Returns whether the action's state can catch errors, which only Task states can. */
export function canCatch(spec: StdActionSpec): boolean {
  return spec.state !== 'pass' && spec.state !== 'wait' && spec.state !== 'fail';
}

/** Returns the substitution of a standard action's function, or undefined when it calls no Lambda. */
export function stdSubstitution(action: string): Substitution | undefined {
  const key = stdActionOf(action)?.functionKey;
  return key === undefined ? undefined : { key, kind: 'std', action };
}

/** Returns whether the action's Lambda completes through a task token (`waitForTaskToken`). */
export function usesTaskToken(action: string): boolean {
  return action === approvalAction || stdActionOf(action)?.state === 'callback';
}

/** Returns the `definitionSubstitutions` key of the function that runs a Lambda-backed action. */
export function functionKeyOf(action: string): string {
  if (action === approvalAction) return approvalSubstitutionKey;
  return stdActionOf(action)?.functionKey ?? actionSubstitutionKey(action);
}
