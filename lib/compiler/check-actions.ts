import type { DiagnosticBag } from '../diagnostics/diagnostic';
import type { Workflow } from '../dsl/model';
import { suggestClosest } from '../dsl/suggest';
import { approvalAction } from './emit/context';
import { stdActionNames } from './std/std-actions';

/** Reports each task whose action is neither `std.approval` nor one of the known actions, naming the file to create under `actionsDir`. */
export function checkActions(workflow: Workflow, actions: readonly string[], bag: DiagnosticBag, actionsFolder = { path: 'lambdas/actions', exists: true }): void {
  const folder = actionsFolder.path.replace(/[\\/]+$/, '');
  const missing = actionsFolder.exists ? '' : `the actions folder '${folder}' does not exist, so pass --actions-dir the folder of your actions or `;
  const known = new Set([...actions, approvalAction, ...stdActionNames]);
  for (const task of workflow.tasks) {
    if (known.has(task.action) || task.workflow !== undefined) continue;

    const closest = suggestClosest(task.action, [...known]);
    const hint = closest ? `, or did you mean '${closest}'?` : '';
    const fix = task.action.includes('.')
      ? `${missing}create ${folder}/${task.action.replace('.', '/')}.ts exporting 'handler'`
      : `${missing}name an action <system>.<name>, which ${folder}/<system>/<name>.ts implements, or a valid ad-hoc action of this file`;
    bag.report('unknownAction', task.actionRange, task.action, fix, hint);
  }
}
