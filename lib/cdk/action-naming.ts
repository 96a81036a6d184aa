import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Substitution key of the approval request function, `${ApprovalRequestFunction}` in the ASL. */
export const APPROVAL_PLACEHOLDER_KEY = 'ApprovalRequestFunction';

const ACTION_PATTERN = /^([A-Za-z][\w-]*)\.([A-Za-z][\w-]*)$/;

/** Splits `<system>.<name>` into its parts, or throws when the action has another form. */
export function parseActionName(action: string): { system: string; name: string } {
  const match = ACTION_PATTERN.exec(action);
  if (!match) {
    throw new Error(`Invalid action name "${action}": expected <system>.<name>, such as accounting.salary_base.`);
  }
  return { system: match[1], name: match[2] };
}

/** Returns the ASL placeholder key of an action: `Action_<system>_<name>`, with dots and dashes as `_`. */
export function actionPlaceholderKey(action: string): string {
  return `Action_${action.replace(/[.-]/g, '_')}`;
}

/** Returns the handler file of an action: `<actionsDir>/<system>/<name>.ts`. */
export function actionEntry(actionsDir: string, action: string): string {
  const { system, name } = parseActionName(action);
  return join(actionsDir, system, `${name}.ts`);
}

/** Lists the actions implemented under `actionsDir` as `<system>.<name>`, sorted. */
export function listActions(actionsDir: string): string[] {
  if (!existsSync(actionsDir)) {
    return [];
  }

  const actions: string[] = [];
  for (const system of readdirSync(actionsDir, { withFileTypes: true })) {
    if (!system.isDirectory()) {
      continue;
    }
    for (const file of readdirSync(join(actionsDir, system.name))) {
      if (file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts')) {
        actions.push(`${system.name}.${file.slice(0, -'.ts'.length)}`);
      }
    }
  }

  return actions.sort();
}
