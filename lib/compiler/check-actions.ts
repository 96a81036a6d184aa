import type { DiagnosticBag } from '../diagnostics/diagnostic';
import type { Workflow } from '../dsl/model';
import { suggestClosest } from '../dsl/suggest';
import { approvalAction } from './emit/context';
import { stdActionNames } from './std/std-actions';

/** Reports each task whose action is neither `std.approval` nor one of the known actions. */
export function checkActions(workflow: Workflow, actions: readonly string[], bag: DiagnosticBag): void {
  const known = new Set([...actions, approvalAction, ...stdActionNames]);
  for (const task of workflow.tasks) {
    if (known.has(task.action) || task.workflow !== undefined) continue;

    const closest = suggestClosest(task.action, [...known]);
    const hint = closest ? `, or did you mean '${closest}'?` : '';
    const fix = task.action.includes('.')
      ? `create lambdas/actions/${task.action.replace('.', '/')}.ts exporting 'handler'`
      : 'name an action <system>.<name>, which lambdas/actions/<system>/<name>.ts implements, or a valid ad-hoc action of this file';
    bag.report('unknownAction', task.actionRange, task.action, fix, hint);
  }
}
