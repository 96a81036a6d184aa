import type { HistoryEvent } from '@aws-sdk/client-sfn';

/**
 * Maximum UTF-8 bytes of a task's input and of its output in a task row and
 * in the status API. Step Functions payloads reach 256 KiB, and a DynamoDB
 * item 400 KB, so a task keeps only the start of a large payload.
 */
export const MAX_TASK_PAYLOAD_BYTES = 4 * 1024;

/** Maximum UTF-8 bytes of a task's error cause, as in the execution row. */
export const MAX_TASK_CAUSE_BYTES = 32 * 1024;

/** Text that replaces a task token in a stored input, output or cause. */
export const REDACTED_TASK_TOKEN = '[redacted task token]';

/** A state's input or output as the history event carries it. */
export interface EventPayload {
  /** JSON text. */
  text: string;
  /** Whether Step Functions already cut the payload in the history event. */
  truncated: boolean;
}

// The keys of a `.waitForTaskToken` task's Arguments that carry the token: `token` in the
// CallbackActionEvent payload that the compiler emits for std.approval, and `TaskToken`
// in the SendTaskSuccess-style names that hand-written ASL uses.
const TOKEN_KEYS = new Set(['token', 'tasktoken']);

/** Returns the payload of a `*StateEntered` event's input, or undefined when it carries none. */
export function enteredInputOf(event: HistoryEvent): EventPayload | undefined {
  const details = event.stateEnteredEventDetails;
  if (typeof details?.input !== 'string') return undefined;
  return { text: details.input, truncated: details.inputDetails?.truncated === true };
}

/** Returns the payload of a `*StateExited` event's output, or undefined when it carries none. */
export function exitedOutputOf(event: HistoryEvent): EventPayload | undefined {
  const details = event.stateExitedEventDetails;
  if (typeof details?.output !== 'string') return undefined;
  return { text: details.output, truncated: details.outputDetails?.truncated === true };
}

/**
 * Collects the task tokens that the execution passed to `.waitForTaskToken`
 * tasks, read from the resolved Arguments of their `TaskScheduled` events.
 * Anyone who has a token can complete the task, so no stored text may contain one.
 */
export function findTaskTokens(events: HistoryEvent[]): Set<string> {
  const tokens = new Set<string>();
  for (const event of events) {
    const details = event.taskScheduledEventDetails;
    if (event.type !== 'TaskScheduled' || !details?.resource?.endsWith('.waitForTaskToken')) continue;

    try {
      collectTokens(JSON.parse(details.parameters ?? 'null'), tokens);
    } catch {
      // Arguments that Step Functions cut are not JSON. NOTE: a token in them stays unknown.
    }
  }
  return tokens;
}

function collectTokens(value: unknown, tokens: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectTokens(item, tokens);
    return;
  }
  if (typeof value !== 'object' || value === null) return;

  for (const [key, item] of Object.entries(value)) {
    if (TOKEN_KEYS.has(key.toLowerCase()) && typeof item === 'string' && item !== '') {
      tokens.add(item);
    } else {
      collectTokens(item, tokens);
    }
  }
}

/**
 * Replaces every task token in `text`, also where a JSON writer escaped its
 * `/` as `\/`. The replacement contains no quote or backslash, so JSON text stays valid.
 */
export function redactTaskTokens(text: string, tokens: Set<string>): string {
  let redacted = text;
  for (const token of tokens) {
    redacted = redacted.replaceAll(token, REDACTED_TASK_TOKEN);
    redacted = redacted.replaceAll(token.replaceAll('/', '\\/'), REDACTED_TASK_TOKEN);
  }
  return redacted;
}

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a
 * character. Returns the text unchanged when it fits.
 */
export function limitBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD+$/, '');
}
