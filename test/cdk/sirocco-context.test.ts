import { App } from 'aws-cdk-lib';

import { DEFAULT_SYSTEMS, readSiroccoSettings } from '../../lib/cdk/sirocco-context';

function settingsFor(context: Record<string, unknown>) {
  return readSiroccoSettings(new App({ context }).node);
}

describe('readSiroccoSettings', () => {
  test('defaults without context', () => {
    expect(settingsFor({})).toEqual({
      adminPhoneNumbers: [],
      approverDefaults: {},
      systems: DEFAULT_SYSTEMS,
      approvalsBaseUrl: undefined,
    });
  });

  test('reads every key', () => {
    const settings = settingsFor({
      'sirocco:adminPhoneNumbers': ['+15555550100'],
      'sirocco:approverDefaults': { fromEmail: 'approvals@example.com' },
      'sirocco:systems': { accounting: 'https://accounting.example.com/api/' },
      'sirocco:approvalsBaseUrl': 'https://approvals.example.com',
    });

    expect(settings).toEqual({
      adminPhoneNumbers: ['+15555550100'],
      approverDefaults: { fromEmail: 'approvals@example.com' },
      systems: { accounting: 'https://accounting.example.com/api' },
      approvalsBaseUrl: 'https://approvals.example.com',
    });
  });

  test('parses JSON given on the command line', () => {
    const settings = settingsFor({ 'sirocco:adminPhoneNumbers': '["+15555550100"]' });

    expect(settings.adminPhoneNumbers).toEqual(['+15555550100']);
  });

  test.each([
    [{ 'sirocco:adminPhoneNumbers': '+15555550100' }, 'expected a list of E.164 numbers'],
    [{ 'sirocco:adminPhoneNumbers': ['5555550100'] }, 'Invalid phone number "5555550100"'],
    [{ 'sirocco:adminPhoneNumbers': '[+1555' }, 'is not valid JSON'],
    [{ 'sirocco:systems': ['http://127.0.0.1:4701'] }, 'Invalid context "sirocco:systems": expected a JSON object'],
    [{ 'sirocco:systems': { bonus: '127.0.0.1:4702' } }, 'Invalid context "sirocco:systems.bonus"'],
    [{ 'sirocco:approvalsBaseUrl': 'approvals' }, 'Invalid context "sirocco:approvalsBaseUrl"'],
    [{ 'sirocco:approverDefaults': 'sms' }, 'Invalid context "sirocco:approverDefaults"'],
    [{ 'sirocco:approverDefaults': { fromEmail: 'approvals' } }, 'Invalid context "sirocco:approverDefaults.fromEmail"'],
  ])('rejects %j', (context, message) => {
    expect(() => settingsFor(context)).toThrow(message);
  });
});
