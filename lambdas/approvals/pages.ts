import { createHash } from 'node:crypto';

import { maskAddress } from './approvers';
import { escapeHtml } from './html';
import type { LinkState } from './link-state';
import type { ApprovalRecord, Decision } from './records';

/** Status code and HTML body of one page. */
export interface Page {
  statusCode: number;
  body: string;
}

export const MAX_COMMENT_LENGTH = 500;
const MAX_DETAIL_LENGTH = 200;

const STYLE =
  'body{font-family:system-ui,sans-serif;font-size:18px;line-height:1.5;margin:0;padding:16px;' +
  'max-width:36rem;color:#111;background:#fff}' +
  'h1{font-size:1.4rem;margin:0 0 12px}' +
  'dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0 0 16px}' +
  'dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}' +
  '.message{padding:12px;background:#f3f3f3;border-radius:8px;overflow-wrap:anywhere}' +
  'label{display:block;margin:16px 0 4px}' +
  'textarea{width:100%;box-sizing:border-box;font-size:1rem;min-height:5rem}' +
  '.actions{display:flex;gap:12px;margin-top:16px}' +
  'button{flex:1;font-size:1.1rem;padding:14px;border:0;border-radius:8px;color:#fff}' +
  '.approve{background:#1a7f37}.reject{background:#b42318}';

/** Content-Security-Policy source of the inline stylesheet, so that no inline script can run. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Renders the decision form of a pending link. */
export function renderApprovalForm(approval: ApprovalRecord, deadline: string): Page {
  const body =
    renderSummary(approval) +
    `<p>Decide before ${formatTime(deadline)}.</p>` +
    '<form method="post">' +
    `<input type="hidden" name="csrf" value="${escapeHtml(approval.csrfToken)}">` +
    '<label for="comment">Comment (optional)</label>' +
    `<textarea id="comment" name="comment" maxlength="${MAX_COMMENT_LENGTH}"></textarea>` +
    '<div class="actions">' +
    '<button class="approve" type="submit" name="decision" value="approve">Approve</button>' +
    '<button class="reject" type="submit" name="decision" value="reject">Reject</button>' +
    '</div></form>';

  return { statusCode: 200, body: renderDocument(`Approval: ${approval.workflow}`, body) };
}

/** Renders the page of a link that can no longer decide (409 or 410). */
export function renderStatePage(state: Exclude<LinkState, { kind: 'pending' }>): Page {
  switch (state.kind) {
    case 'decided': {
      const verb = pastTense(state.decision);
      const text = state.byThisLink
        ? `You already ${verb} this request at ${formatTime(state.decidedAt)}.`
        : `This request was already ${verb} by ${maskAddress(state.decidedBy)} at ${formatTime(state.decidedAt)}.`;
      return page(409, `Already ${verb}`, text);
    }
    case 'deciding':
      return page(
        409,
        'Decision in progress',
        `A decision by ${state.byThisLink ? 'you' : maskAddress(state.decidedBy)} is being ` +
          'recorded. Reload this page in a minute to see the result.',
      );
    case 'expired':
      return page(410, 'Link expired', expiryText(state.reason, state.deadline));
  }
}

/** Renders the confirmation after a decision reached the workflow. */
export function renderDecisionRecorded(decision: Decision, decidedAt: string): Page {
  return page(
    200,
    decision === 'approve' ? 'Approved' : 'Rejected',
    `You ${pastTense(decision)} this request at ${formatTime(decidedAt)}. The process continues.`,
  );
}

export function renderNotFound(): Page {
  return page(
    404,
    'Approval link not found',
    'This approval link does not exist. Check that you opened the whole link from your message.',
  );
}

export function renderCrossSiteRejected(): Page {
  return page(
    403,
    'Request rejected',
    'This decision was not sent from the approval page, so nothing was decided. ' +
      'Open your approval link again and decide on that page.',
  );
}

export function renderBadRequest(reason: string): Page {
  return page(400, 'Invalid request', `${reason} Nothing was decided. Open your approval link again.`);
}

export function renderMethodNotAllowed(method: string): Page {
  return page(405, 'Method not allowed', `The approval page does not accept ${method} requests.`);
}

export function renderUnavailable(): Page {
  return page(
    503,
    'Try again',
    'The decision could not be recorded, so nothing was decided. Try again in a minute.',
  );
}

export function renderServerError(): Page {
  return page(500, 'Error', 'The approval page failed. Nothing was decided. Try again later.');
}

function renderSummary(approval: ApprovalRecord): string {
  const rows: Array<[string, string]> = [['Process', approval.workflow]];

  for (const [key, value] of orderedDetails(approval.details)) {
    rows.push([labelOf(key), formatValue(value)]);
  }

  const list = rows
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return `<h1>Approval requested</h1><dl>${list}</dl><p class="message">${escapeHtml(approval.message)}</p>`;
}

// The employee and the amount come first, because they are what the approver decides on.
function orderedDetails(details: Record<string, unknown>): Array<[string, unknown]> {
  const first = ['employee', 'amount', 'bonus'];
  const entries = Object.entries(details);

  return [
    ...first.flatMap((key) => entries.filter(([name]) => name === key)),
    ...entries.filter(([name]) => !first.includes(name)),
  ];
}

function labelOf(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 3)}...` : text;
}

function expiryText(reason: 'deadline' | 'taskClosed' | 'superseded', deadline: string): string {
  switch (reason) {
    case 'superseded':
      return 'This link expired because a newer request was sent for the same decision. Use the newest link.';
    case 'taskClosed':
      return 'This link expired because the process no longer waits for this decision. Nothing was decided.';
    case 'deadline':
      return `This link expired at ${formatTime(deadline)}. Nothing was decided through it.`;
  }
}

function pastTense(decision: Decision): string {
  return decision === 'approve' ? 'approved' : 'rejected';
}

/** Formats an ISO 8601 time as `2026-12-04 15:46 UTC`. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function page(statusCode: number, title: string, text: string): Page {
  return {
    statusCode,
    body: renderDocument(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`),
  };
}

function renderDocument(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body>${body}</body></html>`
  );
}
