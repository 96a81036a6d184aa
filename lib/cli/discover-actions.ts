import { existsSync, readdirSync } from 'fs';
import { join } from 'path';

/** Folder of the action Lambdas, relative to the project root. */
export const defaultActionsDir = join('lambdas', 'actions');

/**
 * Lists the actions implemented under `actionsDir`: `<system>.<name>` for
 * each `<system>/<name>.ts`, leaving out tests and declaration files.
 * Returns an empty list when the folder does not exist.
 */
export function discoverActions(actionsDir: string = defaultActionsDir): string[] {
  if (!existsSync(actionsDir)) return [];

  const actions: string[] = [];
  for (const system of readdirSync(actionsDir, { withFileTypes: true })) {
    if (!system.isDirectory()) continue;
    for (const file of readdirSync(join(actionsDir, system.name))) {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts') || file.endsWith('.test.ts')) continue;
      actions.push(`${system.name}.${file.slice(0, -'.ts'.length)}`);
    }
  }

  return actions.sort();
}
