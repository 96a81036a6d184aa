/** Delivery channel of one approver's link. */
export type Channel = 'sms' | 'email';

/** One person asked to decide, with the channel that their address implies. */
export interface Approver {
  address: string;
  channel: Channel;
}

// E.164: a plus sign, a country code that does not start with 0, at most 15 digits in all.
const E164_PHONE_NUMBER = /^\+[1-9][0-9]{6,14}$/;

// A deliberately plain check: one @, no whitespace or control characters, a dotted domain.
// SES rejects what this lets through, and the request then fails with the SES error.
const EMAIL_ADDRESS = /^[^\s@<>()",;:\\[\]\x00-\x1f\x7f]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const MAX_EMAIL_LENGTH = 254;

/**
 * Parses one approver address: an E.164 phone number gets an SMS and an email address gets
 * an email. Returns undefined for anything else.
 */
export function parseApprover(value: string): Approver | undefined {
  const address = value.trim();

  if (E164_PHONE_NUMBER.test(address)) {
    return { address, channel: 'sms' };
  }
  if (address.length <= MAX_EMAIL_LENGTH && EMAIL_ADDRESS.test(address)) {
    return { address, channel: 'email' };
  }
  return undefined;
}

/** Masks a phone number for logs and pages: `+15555550100` becomes `+1555****100`. */
export function maskPhoneNumber(phoneNumber: string): string {
  if (phoneNumber.length < 9) {
    return `${phoneNumber.slice(0, 2)}****`;
  }
  return `${phoneNumber.slice(0, 5)}****${phoneNumber.slice(-3)}`;
}

/** Masks an email address for logs and pages: `jane@example.com` becomes `j***@example.com`. */
export function maskEmailAddress(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) {
    return '***';
  }
  return `${email[0]}***${email.slice(at)}`;
}

/** Masks an approver address of either kind. */
export function maskAddress(address: string): string {
  return address.startsWith('+') ? maskPhoneNumber(address) : maskEmailAddress(address);
}
