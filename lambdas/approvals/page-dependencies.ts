import type { Logger } from '@aws-lambda-powertools/logger';
import type { SFNClient } from '@aws-sdk/client-sfn';

import { isApprovalId } from './ids';
import type { ApprovalRecord, GroupRecord } from './records';
import type { ApprovalStore } from './store';

export interface PageDependencies {
  store: ApprovalStore;
  sfn: SFNClient;
  logger: Logger;
  now?: () => Date;
}

/** An approval row with its group. */
export interface ApprovalLink {
  approval: ApprovalRecord;
  group: GroupRecord;
}

/**
 * Loads a link and its group. Returns undefined for a malformed or unknown id, so that a
 * forged id and a deleted one get the same response.
 */
export async function loadLink(
  approvalId: string,
  deps: PageDependencies,
): Promise<ApprovalLink | undefined> {
  if (!isApprovalId(approvalId)) {
    return undefined;
  }

  const approval = await deps.store.getApproval(approvalId);
  if (approval === undefined) {
    return undefined;
  }

  const group = await deps.store.getGroup(approval.groupId);
  if (group === undefined) {
    deps.logger.warn('Approval row has no group row', { groupId: approval.groupId });
    return undefined;
  }
  return { approval, group };
}

export function currentTime(deps: PageDependencies): Date {
  return deps.now ? deps.now() : new Date();
}
