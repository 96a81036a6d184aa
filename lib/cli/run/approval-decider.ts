import type { OutboxMessage } from '../../local/outbox/outbox-message';

export type Decision = 'approve' | 'reject';

/** The result of one decision, for the progress output. */
export interface DecisionResult {
  link: string;
  /** HTTP status of the decision POST, or of the GET when the page had no form. */
  status: number;
  /** Whether the approval page accepted this decision. */
  decided: boolean;
}

/** The comment stored with a decision that `sirocco run` made. */
export const DECISION_COMMENT = 'Decided by sirocco run';

const CSRF_FIELD = /<input type="hidden" name="csrf" value="([^"]+)">/;

/**
 * Returns the approval links of an outbox message that point at `apiUrl`,
 * the local API Gateway. Links to any other host are left alone.
 */
export function approvalLinksOf(message: OutboxMessage, apiUrl: string): string[] {
  const text = `${message.body}\n${message.html ?? ''}`;
  const links = text.match(/https?:\/\/[^\s"'<>]+\/approvals\/[A-Za-z0-9_-]+/g) ?? [];

  return [...new Set(links)].filter((link) => link.startsWith(`${apiUrl}/`));
}

/**
 * Decides an approval the way a person does on the page: GET the link,
 * read the form's CSRF token, and POST the decision with it.
 */
export async function decideThroughLink(link: string, decision: Decision): Promise<DecisionResult> {
  const page = await fetch(link);
  const html = await page.text();
  const csrf = CSRF_FIELD.exec(html)?.[1];
  if (!page.ok || !csrf) {
    return { link, status: page.status, decided: false };
  }

  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision, csrf, comment: DECISION_COMMENT }).toString(),
  });
  await response.arrayBuffer();

  return { link, status: response.status, decided: response.ok };
}
