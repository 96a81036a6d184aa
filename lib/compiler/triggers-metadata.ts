import type { Trigger } from '../dsl/model';
import type { TriggerInfo } from './types';

/** Lists the triggers of a workflow as the CDK layer reads them, without source ranges. */
export function listTriggers(triggers: readonly Trigger[]): TriggerInfo[] {
  return triggers.map(({ name, expression, timezone, input }) => ({ name, expression, timezone, input }));
}
