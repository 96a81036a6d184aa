import { linkState } from './link-state';
import { currentTime, loadLink, type PageDependencies } from './page-dependencies';
import { renderApprovalForm, renderNotFound, renderStatePage, type Page } from './pages';

/**
 * Renders the page behind an approval link (GET). It only reads: mail scanners and link
 * previews follow links, so a GET must never decide.
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
  return renderApprovalForm(link.approval, state.deadline);
}
