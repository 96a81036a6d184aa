import * as fs from 'node:fs';
import * as path from 'node:path';

/** A folder of action handlers that the CDK app can bundle. */
export interface StagedActionsDir {
  dir: string;
  /** Removes the copy, if one was made. */
  remove(): void;
}

/**
 * Returns `actionsDir` when it is inside `projectDir`, or else a copy of it in
 * `<projectDir>/.sirocco/`, because the CDK's NodejsFunction bundles only
 * entry files under its project root. In the copy, the handlers' package
 * imports resolve from the project's node_modules. The copy leaves out
 * node_modules folders.
 */
export function stageActionsDir(projectDir: string, actionsDir: string): StagedActionsDir {
  const resolved = path.resolve(actionsDir);
  const fromProject = path.relative(projectDir, resolved);
  if (!fromProject.startsWith('..') && !path.isAbsolute(fromProject)) {
    return { dir: resolved, remove: () => undefined };
  }

  const parent = path.join(projectDir, '.sirocco');
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, 'run-actions-'));
  fs.cpSync(resolved, dir, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });

  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
