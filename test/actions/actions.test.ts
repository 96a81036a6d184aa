import './silence-logs';

import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { handler as recordPayroll } from '../../lambdas/actions/accounting/record_payroll';
import { handler as salaryBase } from '../../lambdas/actions/accounting/salary_base';
import { handler as calculateBonus } from '../../lambdas/actions/bonus/calculate';
import type { ActionEvent } from '../../lambdas/shared/action-event';
import { SampleSystems, startSampleSystems } from '../../lib/samples/sample-systems';
import { readJson } from '../samples/read-json';

let systems: SampleSystems;

beforeAll(async () => {
  systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
});

afterAll(async () => {
  await systems.stop();
});

beforeEach(async () => {
  await fetch(`${systems.accountingUrl}/_control/reset`, { method: 'POST' });
  await fetch(`${systems.bonusUrl}/_control/reset`, { method: 'POST' });
});

afterEach(() => {
  delete process.env.SYSTEM_URL;
  delete process.env.POWERTOOLS_SERVICE_NAME;
});

function actionEvent(task: string, input: Record<string, unknown>): ActionEvent {
  return {
    input,
    execution: 'arn:aws:states:us-east-1:000000000000:execution:salary:test',
    workflow: 'salary',
    task,
  };
}

async function injectFailure(baseUrl: string, rule: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${baseUrl}/_control/fail`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.status).toBe(204);
}

async function countCalls(baseUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${baseUrl}/_control/calls`);
  return ((await readJson(response)) as { counts: Record<string, number> }).counts;
}

describe('accounting.salary_base', () => {
  test('returns salary and manager', async () => {
    process.env.SYSTEM_URL = systems.accountingUrl;

    const result = await salaryBase(actionEvent('salary_base', { employee_id: 'E1001', month: '2026-11' }));

    expect(result).toEqual({
      amount: 4200,
      currency: 'EUR',
      manager: { name: 'Grace Hollow', phone: '+15555550100', email: 'grace.hollow@example.com' },
    });
  });

  test('names the status of a failed call', async () => {
    process.env.SYSTEM_URL = systems.accountingUrl;
    await injectFailure(systems.accountingUrl, { path: '/employees/E1001/salary', status: 503 });

    const call = salaryBase(actionEvent('salary_base', { employee_id: 'E1001', month: '2026-11' }));

    await expect(call).rejects.toMatchObject({ name: 'SystemError.503' });
    await expect(call).rejects.toThrow(/status 503: .*Injected failure/);
  });

  test('reports unknown employee as 404', async () => {
    process.env.SYSTEM_URL = systems.accountingUrl;

    const call = salaryBase(actionEvent('salary_base', { employee_id: 'E9999', month: '2026-11' }));

    await expect(call).rejects.toMatchObject({ name: 'SystemError.404' });
    await expect(call).rejects.toThrow('E9999');
  });

  test.each([
    [{ month: '2026-11' }, 'employee_id'],
    [{ employee_id: '', month: '2026-11' }, 'employee_id'],
    [{ employee_id: 'E1001', month: '2026-13' }, 'month'],
    [{ employee_id: 'E1001', month: 202611 }, 'month'],
  ])('rejects input %j', async (input, field) => {
    process.env.SYSTEM_URL = systems.accountingUrl;

    const call = salaryBase(actionEvent('salary_base', input));

    await expect(call).rejects.toMatchObject({ name: 'InvalidInput' });
    await expect(call).rejects.toThrow(`"${field}"`);
    expect(await countCalls(systems.accountingUrl)).toEqual({});
  });

  test('rejects an event without input', async () => {
    process.env.SYSTEM_URL = systems.accountingUrl;

    const call = salaryBase({ workflow: 'salary', task: 'salary_base', execution: 'x' } as unknown as ActionEvent);

    await expect(call).rejects.toMatchObject({ name: 'InvalidInput' });
  });

  test('requires SYSTEM_URL', async () => {
    const call = salaryBase(actionEvent('salary_base', { employee_id: 'E1001', month: '2026-11' }));

    await expect(call).rejects.toMatchObject({ name: 'ConfigurationError' });
    await expect(call).rejects.toThrow('Missing SYSTEM_URL');
    await expect(call).rejects.toThrow('the cdk.json context "sirocco:systems"');
  });

  test('missing SYSTEM_URL names the system', async () => {
    process.env.POWERTOOLS_SERVICE_NAME = 'accounting.salary_base';

    const call = salaryBase(actionEvent('salary_base', { employee_id: 'E1001', month: '2026-11' }));

    await expect(call).rejects.toMatchObject({ name: 'ConfigurationError' });
    await expect(call).rejects.toThrow(
      'Missing SYSTEM_URL: the cdk.json context "sirocco:systems" has no base URL of system "accounting". ' +
        'Add it, as in {"accounting":"https://accounting.example.com"}, and synthesize again.',
    );
    expect(await countCalls(systems.accountingUrl)).toEqual({});
  });

  test('rejects a SYSTEM_URL without a scheme', async () => {
    process.env.SYSTEM_URL = '127.0.0.1:4701';

    const call = salaryBase(actionEvent('salary_base', { employee_id: 'E1001', month: '2026-11' }));

    await expect(call).rejects.toMatchObject({ name: 'ConfigurationError' });
    await expect(call).rejects.toThrow('Invalid SYSTEM_URL "127.0.0.1:4701"');
  });
});

describe('bonus.calculate', () => {
  test('returns the bonus', async () => {
    process.env.SYSTEM_URL = systems.bonusUrl;

    const result = await calculateBonus(actionEvent('bonus', { employee_id: 'E1001', month: '2026-11' }));

    expect(result).toEqual({ amount: 420, currency: 'EUR' });
    expect(await countCalls(systems.bonusUrl)).toEqual({ 'GET /employees/E1001/bonus': 1 });
  });

  test('reports a refused connection as unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.SYSTEM_URL = `http://127.0.0.1:${port}`;

    const call = calculateBonus(actionEvent('bonus', { employee_id: 'E1001', month: '2026-11' }));

    await expect(call).rejects.toMatchObject({ name: 'SystemError.Unavailable' });
  });
});

describe('accounting.record_payroll', () => {
  test('records base plus bonus', async () => {
    process.env.SYSTEM_URL = systems.accountingUrl;

    const result = await recordPayroll(
      actionEvent('record_payroll', { employee_id: 'E1001', month: '2026-11', base: 4200, bonus: 420 }),
    );
    const listed = await readJson(await fetch(`${systems.accountingUrl}/payroll`));

    expect(result).toEqual({ id: 'P0001', total: 4620 });
    expect(listed.records).toHaveLength(1);
    expect(listed.records[0]).toMatchObject({ employee: 'E1001', month: '2026-11', base: 4200, bonus: 420 });
  });

  test('rejects a missing bonus', async () => {
    process.env.SYSTEM_URL = systems.accountingUrl;

    const call = recordPayroll(actionEvent('record_payroll', { employee_id: 'E1001', month: '2026-11', base: 4200 }));

    await expect(call).rejects.toMatchObject({ name: 'InvalidInput' });
    await expect(call).rejects.toThrow('"bonus"');
  });

  test('names a conflict as 409', async () => {
    process.env.SYSTEM_URL = systems.accountingUrl;
    const input = { employee_id: 'E1002', month: '2026-11', base: 3850, bonus: 0 };
    await recordPayroll(actionEvent('record_payroll', input));

    const call = recordPayroll(actionEvent('record_payroll', { ...input, bonus: 200 }));

    await expect(call).rejects.toMatchObject({ name: 'SystemError.409' });
  });
});

describe('responses the actions reject', () => {
  let server: Server;
  let responseBody = '';

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(responseBody);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.SYSTEM_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    process.env.SYSTEM_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.each([
    ['<html>maintenance</html>', /not JSON: <html>maintenance<\/html>/],
    [
      '{"amount": "4200", "currency": "EUR", "manager": {"name": "N", "phone": "+15555550100", "email": "n@example.com"}}',
      /"amount" is "4200", expected a number/,
    ],
    ['{"amount": 4200, "currency": "EUR"}', /manager in the salary response/],
  ])('salary body %s is invalid', async (body, message) => {
    responseBody = body;

    const call = salaryBase(actionEvent('salary_base', { employee_id: 'E1001', month: '2026-11' }));

    await expect(call).rejects.toMatchObject({ name: 'SystemError.InvalidResponse' });
    await expect(call).rejects.toThrow(message);
  });
});
