/// <reference lib="dom" />
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { readApprovalLinks, type ApprovalLink, type DecidedApproval, type PendingApproval } from './api';
import { formatTime } from './format';

/** Lists the pending approvals with their links, and the decisions taken. */
export function ApprovalsSection(props: { pending: PendingApproval[]; decided: DecidedApproval[] }) {
  if (props.pending.length === 0 && props.decided.length === 0) return null;
  return h(
    'section',
    { class: 'approvals' },
    h('h2', null, 'Approvals'),
    props.pending.map((approval) => h(PendingApprovalCard, { approval, key: approval.groupId })),
    props.decided.map((decision) =>
      h(
        'p',
        { class: 'decided' },
        `${decision.task}: ${decision.decision} by ${decision.approver} at ${formatTime(decision.decidedAt)} (${decision.outcome})`,
        decision.comment ? ` — “${decision.comment}”` : '',
      ),
    ),
  );
}

function PendingApprovalCard(props: { approval: PendingApproval }) {
  const { approval } = props;
  const [links, setLinks] = useState<ApprovalLink[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    readApprovalLinks(approval.groupId).then(
      (body) => setLinks(body.links),
      (reason: Error) => setError(reason.message),
    );
  }, [approval.groupId]);

  return h(
    'div',
    { class: 'card pending-approval', 'data-task': approval.task },
    h('h3', null, `${approval.task}: ${approval.status}`),
    h('p', null, `${approval.approvers} ${approval.approvers === 1 ? 'approver' : 'approvers'}. Requested ${formatTime(approval.createdAt)}, deadline ${formatTime(approval.deadline)}.`),
    error ? h('p', { class: 'error' }, error) : null,
    links
      ? h(
          'ul',
          null,
          links.map((link) =>
            h('li', null, h('a', { href: link.url, target: '_blank', rel: 'noopener noreferrer', class: 'approval-link' }, link.url), link.sentTo.length > 0 ? ` (sent to ${link.sentTo.join(', ')})` : ''),
          ),
        )
      : null,
  );
}
