import { escapeHtml } from './html';

/** Subject and bodies of an approval request email. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const MAX_SUBJECT_MESSAGE_LENGTH = 80;

/** Composes the email that sends one approver their link. */
export function composeEmail(workflow: string, message: string, link: string): EmailContent {
  const flatMessage = message.replace(/\s+/g, ' ').trim();
  const subjectMessage =
    flatMessage.length > MAX_SUBJECT_MESSAGE_LENGTH
      ? `${flatMessage.slice(0, MAX_SUBJECT_MESSAGE_LENGTH - 3)}...`
      : flatMessage;

  const text =
    `${message}\n\n` +
    `Open this link to approve or reject (process: ${workflow}):\n${link}\n\n` +
    'The link is for you only. Do not forward this email.\n';

  const html =
    '<!doctype html><html><body style="font-family:sans-serif;font-size:16px">' +
    `<p>${escapeHtml(message)}</p>` +
    `<p>Process: ${escapeHtml(workflow)}</p>` +
    `<p><a href="${escapeHtml(link)}">Open the approval page</a></p>` +
    '<p>The link is for you only. Do not forward this email.</p>' +
    '</body></html>';

  return { subject: `Approval requested: ${subjectMessage}`, text, html };
}
