import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// 24 random bytes are 192 bits, and 32 characters in base64url.
const ID_BYTES = 24;
const APPROVAL_ID = /^[A-Za-z0-9_-]{32}$/;

/** Creates a random approval id: 192 bits, base64url. */
export function newApprovalId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

/** Creates a random per-approval CSRF token: 192 bits, base64url. */
export function newCsrfToken(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

/** Creates a random value that makes each request invocation a distinct group. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** Returns whether the text has the form of an approval id, before any table read. */
export function isApprovalId(text: string): boolean {
  return APPROVAL_ID.test(text);
}

/** Compares two secrets in time that does not depend on where they differ. */
export function secretsEqual(actual: string, expected: string): boolean {
  const actualBytes = Buffer.from(actual);
  const expectedBytes = Buffer.from(expected);

  return actualBytes.length === expectedBytes.length && timingSafeEqual(actualBytes, expectedBytes);
}

/**
 * Returns a short reference to an approval id for logs. The id itself is a bearer credential
 * (anyone with it can open the page and decide), so logs carry this hash prefix instead.
 */
export function approvalRef(approvalId: string): string {
  return createHash('sha256').update(approvalId).digest('base64url').slice(0, 12);
}
