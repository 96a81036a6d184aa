import { type FailureAlert, formatAlertSms } from '../../lambdas/alerts/alert-message';
import { septetLength, toGsm7, truncateSeptets } from '../../lambdas/alerts/gsm7';

const BASE: FailureAlert = {
  workflow: 'salary',
  executionName: 'run-1',
  status: 'FAILED',
  failedState: 'record_payroll',
  error: 'Accounting.Unavailable',
  cause: 'The accounting system answered 503.',
};

describe('formatAlertSms', () => {
  it('names workflow, state, error and execution', () => {
    const text = formatAlertSms(BASE);

    expect(text).toBe(
      [
        'Sirocco: workflow salary failed at state record_payroll.',
        'Accounting.Unavailable: The accounting system answered 503.',
        'Details: sirocco status run-1',
      ].join('\n'),
    );
  });

  it.each([
    ['TIMED_OUT', 'timed out'],
    ['ABORTED', 'was aborted'],
  ] as const)('words the %s status', (status, words) => {
    const text = formatAlertSms({ ...BASE, status, failedState: undefined });

    expect(text.split('\n')[0]).toBe(`Sirocco: workflow salary ${words}.`);
  });

  it('fits a long cause in two parts', () => {
    const text = formatAlertSms({ ...BASE, cause: 'x'.repeat(5000) });

    expect(septetLength(text)).toBeLessThanOrEqual(306);
    expect(text).toContain('Details: sirocco status run-1');
    expect(text).toContain('at state record_payroll');
    expect(text).toContain('xxx...');
  });

  it('fits maximum-length names in two parts', () => {
    const text = formatAlertSms({
      workflow: 'w'.repeat(80),
      executionName: 'e'.repeat(80),
      status: 'FAILED',
      failedState: 's'.repeat(80),
      error: 'E'.repeat(256),
      cause: '{[|]}'.repeat(1000),
    });

    expect(septetLength(text)).toBeLessThanOrEqual(306);
    expect(text).toContain(`sirocco status ${'e'.repeat(80)}`);
  });

  it('replaces characters outside GSM-7', () => {
    const text = formatAlertSms({ ...BASE, cause: 'Zahlung für Jürgen → 500 ✗ 日本' });

    expect(text).toContain('Zahlung für Jürgen ? 500 ? ??');
  });

  it('shows the message of a Lambda error', () => {
    const cause = JSON.stringify({
      errorType: 'SystemError.503',
      errorMessage: 'GET /employees/E1001/bonus failed with status 503',
      trace: ['SystemError.503: GET /employees/E1001/bonus failed', '    at callSystem'],
    });

    const text = formatAlertSms({ ...BASE, error: 'SystemError.503', cause });

    expect(text.split('\n')[1]).toBe(
      'SystemError.503: GET /employees/E1001/bonus failed with status 503',
    );
  });

  it('puts a JSONata error message first', () => {
    const cause =
      "An error occurred while evaluating the JSONata expression '" +
      '($value := $states.input.task_name; $value in ["ship","check","pack","charge","alone"] ? $value : ' +
      '$error("Input task_name " & $value & " is not allowed"))' +
      "' in field 'Assign.task_name': Input task_name deliver is not allowed in workflow 'rev-name': " +
      'set task_name to one of ship, check, pack, charge, alone, or leave it out.';

    const text = formatAlertSms({ ...BASE, error: 'States.QueryEvaluationError', cause });

    const problem = text.split('\n')[1];
    expect(problem).toMatch(/^States\.QueryEvaluationError: Input task_name deliver is not allowed in workflow 'rev-name': set/);
    expect(problem).toContain("or leave it out. (field 'Assign.task_name', JSONata expression '");
  });

  it('puts a multi-line cause on one line', () => {
    const text = formatAlertSms({ ...BASE, cause: 'line one\n  at frame\n\tat frame' });

    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('line one at frame at frame');
  });
});

describe('GSM-7 helpers', () => {
  it('counts extension characters twice', () => {
    expect(septetLength('a{b}€')).toBe(8);
  });

  it('keeps the GSM-7 alphabet unchanged', () => {
    const text = '@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà^{}\\[~]|€';

    expect(toGsm7(text)).toBe(text);
  });

  it('truncates without splitting an extension character', () => {
    const text = truncateSeptets('abc{{{{{{', 8);

    expect(text).toBe('abc{...');
    expect(septetLength(text)).toBeLessThanOrEqual(8);
  });
});
