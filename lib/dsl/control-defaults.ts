import { isScalar, type Scalar, type YAMLMap } from 'yaml';
import type { Task } from './model';

/** The waits and pauses of `task-defaults`, applied to each task that does not set them. */
export interface ControlDefaults {
  waitBefore?: number;
  waitAfter?: number;
  pauseBefore?: boolean;
}

/** Reads `wait-before`, `wait-after` and `pause-before` from a `task-defaults` mapping that matches the schema. */
export function readControlDefaults(map: YAMLMap): ControlDefaults {
  const value = (key: string) => (map.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value as Scalar | undefined)?.value;
  const defaults: ControlDefaults = {};

  const waitBefore = value('wait-before');
  if (waitBefore !== undefined) defaults.waitBefore = Number(waitBefore);
  const waitAfter = value('wait-after');
  if (waitAfter !== undefined) defaults.waitAfter = Number(waitAfter);
  if (value('pause-before') === true) defaults.pauseBefore = true;

  return defaults;
}

/**
 * Applies the defaults to a task that does not set the key itself, as
 * Mistral does. NOTE: a task's own `pause-before: false` reads as unset, so
 * the default `pause-before: true` still applies to it.
 */
export function applyControlDefaults(task: Task, defaults: ControlDefaults): void {
  if (task.waitBefore === undefined && defaults.waitBefore !== undefined) task.waitBefore = defaults.waitBefore;
  if (task.waitAfter === undefined && defaults.waitAfter !== undefined) task.waitAfter = defaults.waitAfter;
  if (task.pauseBefore === undefined && defaults.pauseBefore) task.pauseBefore = true;
}
