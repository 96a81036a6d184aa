/** An event of GetExecutionHistory, with its `*EventDetails` field. */
export interface HistoryEvent {
  timestamp: number;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

/** Returns the `*EventDetails` key of an event type, as AWS spells it. */
export function detailsKey(type: string): string {
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}

/** `stateEnteredEventDetails` and `stateExitedEventDetails` are shared by all state types. */
export function stateEventDetailsKey(type: string): string {
  if (type.endsWith('StateEntered')) {
    return 'stateEnteredEventDetails';
  }
  if (type.endsWith('StateAborted')) {
    return 'stateAbortedEventDetails';
  }
  if (type.endsWith('StateExited')) {
    return 'stateExitedEventDetails';
  }
  return detailsKey(type);
}

/** Serializes a payload for an event detail, as the console shows it. */
export function payloadDetail(value: unknown): string {
  return JSON.stringify(value ?? null);
}
