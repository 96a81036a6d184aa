import { maskAddress, parseApprover } from '../../lambdas/approvals/approvers';

describe('approver addresses', () => {
  test.each([
    ['+15555550100', 'sms'],
    ['+442071838750', 'sms'],
    ['jane.doe@example.com', 'email'],
    ['j+tag@mail.example.co.uk', 'email'],
  ])('accepts %s as %s', (address, channel) => {
    expect(parseApprover(address)?.channel).toBe(channel);
  });

  test.each([
    '15555550100',
    '+0155555501',
    '+1555',
    '+1234567890123456',
    'jane@',
    'jane@example',
    'jane doe@example.com',
    'jane@example.com\r\nBcc: x@example.com',
    '',
  ])('rejects %j', (address) => {
    expect(parseApprover(address)).toBeUndefined();
  });

  test('masks a phone number', () => {
    expect(maskAddress('+15555550100')).toBe('+1555****100');
  });

  test('masks an email address', () => {
    expect(maskAddress('jane@example.com')).toBe('j***@example.com');
  });
});
