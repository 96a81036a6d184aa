import { linkState } from './link-state';
import { currentTime, loadLink, type PageDependencies } from './page-dependencies';
import { renderApprovalForm, renderNotFound, renderStatePage, type Page } from './pages';
import { isTaskClosed } from './task-probe';

/**
 * Renders the page behind an approval link (GET). It only reads: mail scanners and link
 * previews follow links, so a GET must never decide. When the execution has ended, the page
 * shows that the process no longer waits, instead of a form that cannot decide.
 */
export async function showApproval(approvalId: string, deps: PageDependencies): Promise<Page> {
  const link = await loadLink(approvalId, deps);
  if (link === undefined) {
    return renderNotFound();
  }

  const state = linkState(link.group, link.approval.id, currentTime(deps).getTime());
  if (state.kind !== 'pending') {
    return renderStatePage(state);
  }

  const { token } = link.approval;
  if (token === undefined || (await isTaskClosed(deps.sfn, token)) === true) {
    return renderStatePage({ kind: 'expired', reason: 'taskClosed', deadline: state.deadline });
  }
  return renderApprovalForm(link.approval, state.deadline);
}
