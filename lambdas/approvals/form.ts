import type { Decision } from './records';
import { MAX_COMMENT_LENGTH } from './pages';

/** Fields of the decision form. */
export interface DecisionForm {
  decision: Decision;
  csrfToken: string;
  comment?: string;
}

export type FormParseResult = { ok: true; form: DecisionForm } | { ok: false; reason: string };

// A full comment of multi-byte characters, percent-encoded, stays below this.
const MAX_BODY_BYTES = 8192;

/** Parses and validates an `application/x-www-form-urlencoded` decision body. */
export function parseDecisionForm(
  body: string | null,
  isBase64Encoded: boolean,
  contentType: string | undefined,
): FormParseResult {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    return fail('The request body must be a form (application/x-www-form-urlencoded).');
  }

  const text = isBase64Encoded ? Buffer.from(body ?? '', 'base64').toString('utf8') : (body ?? '');
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return fail(`The form is larger than ${MAX_BODY_BYTES} bytes.`);
  }

  const fields = new URLSearchParams(text);
  const decision = single(fields, 'decision');
  const csrfToken = single(fields, 'csrf');
  const comment = fields.getAll('comment');

  if (decision !== 'approve' && decision !== 'reject') {
    return fail("The form must contain one 'decision' field, 'approve' or 'reject'.");
  }
  if (csrfToken === undefined || csrfToken === '') {
    return fail("The form must contain one 'csrf' field.");
  }
  if (comment.length > 1) {
    return fail("The form contains more than one 'comment' field.");
  }

  const commentText = normalizeComment(comment[0] ?? '');
  if (commentText.length > MAX_COMMENT_LENGTH) {
    return fail(`The comment has ${commentText.length} characters; the maximum is ${MAX_COMMENT_LENGTH}.`);
  }

  return {
    ok: true,
    form: { decision, csrfToken, ...(commentText === '' ? {} : { comment: commentText }) },
  };
}

function single(fields: URLSearchParams, name: string): string | undefined {
  const values = fields.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}

// Browsers send line breaks as CRLF. Other control characters have no place in a comment.
function normalizeComment(comment: string): string {
  return comment
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .trim();
}

function fail(reason: string): FormParseResult {
  return { ok: false, reason };
}
