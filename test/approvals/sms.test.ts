import {
  composeSmsText,
  gsm7Length,
  MAX_GSM7_SEPTETS,
  MAX_UCS2_CODE_UNITS,
  smsLength,
} from '../../lambdas/approvals/sms';

const LINK = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/approvals/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('SMS text', () => {
  test('counts GSM-7 extension characters twice', () => {
    expect(gsm7Length('abc')).toBe(3);
    expect(gsm7Length('€{}')).toBe(6);
    expect(gsm7Length('ok 👍')).toBeUndefined();
  });

  test('keeps a short message whole', () => {
    expect(composeSmsText('Approve the bonus?', LINK)).toBe(`Approve the bonus?\n${LINK}`);
  });

  test('truncates a long GSM-7 message, never the link', () => {
    const text = composeSmsText('x'.repeat(400), LINK);

    expect(gsm7Length(text)).toBe(MAX_GSM7_SEPTETS);
    expect(text.endsWith(`...\n${LINK}`)).toBe(true);
  });

  test('counts extension characters when truncating', () => {
    const text = composeSmsText('€'.repeat(300), LINK);

    expect(gsm7Length(text)).toBeLessThanOrEqual(MAX_GSM7_SEPTETS);
    expect(text.endsWith(LINK)).toBe(true);
  });

  test('uses the UCS-2 budget for other characters', () => {
    const text = composeSmsText(`Bonus freigeben? 👍 ${'Ж'.repeat(200)}`, LINK);

    expect(smsLength(text).max).toBe(MAX_UCS2_CODE_UNITS);
    expect(text.length).toBeLessThanOrEqual(MAX_UCS2_CODE_UNITS);
    expect(text.endsWith(`...\n${LINK}`)).toBe(true);
  });

  test('never splits a surrogate pair', () => {
    const text = composeSmsText('👍'.repeat(100), LINK);
    const message = text.slice(0, text.indexOf('...'));

    expect(Array.from(message).every((character) => character === '👍')).toBe(true);
  });

  test('rejects a link too long for two parts', () => {
    expect(() => composeSmsText('Approve?', `https://example.test/${'a'.repeat(320)}`)).toThrow(
      'Set a shorter APPROVALS_BASE_URL.',
    );
  });
});
