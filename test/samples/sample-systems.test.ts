import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { listenOnLoopback } from '../../lib/local/http/loopback-server';
import { SamplePortInUseError, SampleSystems, startSampleSystems } from '../../lib/samples/sample-systems';
import { readJson } from './read-json';

let systems: SampleSystems;

beforeAll(async () => {
  systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
});

afterAll(async () => {
  await systems.stop();
});

beforeEach(async () => {
  await post(`${systems.accountingUrl}/_control/reset`, undefined);
  await post(`${systems.bonusUrl}/_control/reset`, undefined);
});

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('accounting system', () => {
  test('returns salary and manager', async () => {
    const response = await fetch(`${systems.accountingUrl}/employees/E1001/salary?month=2026-11`);

    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      amount: 4200,
      currency: 'EUR',
      manager: { name: 'Grace Hollow', phone: '+15555550100', email: 'grace.hollow@example.com' },
    });
  });

  test('rejects unknown employee with 404', async () => {
    const response = await fetch(`${systems.accountingUrl}/employees/E9999/salary?month=2026-11`);

    expect(response.status).toBe(404);
    expect((await readJson(response)).message).toContain('E9999');
  });

  test('rejects invalid month with 400', async () => {
    const response = await fetch(`${systems.accountingUrl}/employees/E1001/salary?month=November`);

    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toContain('YYYY-MM');
  });

  test('records payroll and lists it', async () => {
    const created = await post(`${systems.accountingUrl}/payroll`, {
      employee: 'E1001',
      month: '2026-11',
      base: 4200,
      bonus: 420,
    });
    const listed = await fetch(`${systems.accountingUrl}/payroll`);

    expect(created.status).toBe(201);
    expect(await readJson(created)).toEqual({ id: 'P0001', total: 4620 });
    const { records } = await readJson(listed);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: 'P0001', employee: 'E1001', month: '2026-11', base: 4200, bonus: 420 });
  });

  test('repeated payroll returns the same record', async () => {
    const entry = { employee: 'E1002', month: '2026-11', base: 3850, bonus: 0 };

    const first = await post(`${systems.accountingUrl}/payroll`, entry);
    const second = await post(`${systems.accountingUrl}/payroll`, entry);

    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(await readJson(second)).toEqual(await readJson(first));
  });

  test('conflicting payroll is rejected with 409', async () => {
    await post(`${systems.accountingUrl}/payroll`, { employee: 'E1002', month: '2026-11', base: 3850, bonus: 0 });

    const conflict = await post(`${systems.accountingUrl}/payroll`, {
      employee: 'E1002',
      month: '2026-11',
      base: 3850,
      bonus: 100,
    });

    expect(conflict.status).toBe(409);
  });

  test('rejects negative payroll amounts', async () => {
    const response = await post(`${systems.accountingUrl}/payroll`, {
      employee: 'E1001',
      month: '2026-11',
      base: -1,
      bonus: 0,
    });

    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toContain('"base"');
  });

  test('rejects a body that is not JSON', async () => {
    const response = await fetch(`${systems.accountingUrl}/payroll`, { method: 'POST', body: '{not json' });

    expect(response.status).toBe(400);
  });
});

describe('bonus system', () => {
  test('returns bonus as percent of base', async () => {
    const response = await fetch(`${systems.bonusUrl}/employees/E1001/bonus?month=2026-11`);

    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ amount: 420, currency: 'EUR' });
  });

  test('returns zero bonus when percent is zero', async () => {
    const response = await fetch(`${systems.bonusUrl}/employees/E1003/bonus?month=2026-11`);

    expect(await readJson(response)).toEqual({ amount: 0, currency: 'EUR' });
  });
});

describe('failure control', () => {
  test('injected failure applies the given times', async () => {
    const rule = await post(`${systems.bonusUrl}/_control/fail`, { path: '/employees/E1001/bonus', status: 503, times: 2 });
    const url = `${systems.bonusUrl}/employees/E1001/bonus?month=2026-11`;

    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      statuses.push((await fetch(url)).status);
    }

    expect(rule.status).toBe(204);
    expect(statuses).toEqual([503, 503, 200]);
  });

  test('failure rule matches only its method', async () => {
    await post(`${systems.accountingUrl}/_control/fail`, { path: '/payroll', method: 'post', status: 500 });

    const listed = await fetch(`${systems.accountingUrl}/payroll`);
    const recorded = await post(`${systems.accountingUrl}/payroll`, {
      employee: 'E1001',
      month: '2026-11',
      base: 1,
      bonus: 1,
    });

    expect(listed.status).toBe(200);
    expect(recorded.status).toBe(500);
  });

  test('calls are counted per method and path', async () => {
    await fetch(`${systems.accountingUrl}/employees/E1001/salary?month=2026-11`);
    await fetch(`${systems.accountingUrl}/employees/E1001/salary?month=2026-12`);
    await fetch(`${systems.accountingUrl}/payroll`);

    const response = await fetch(`${systems.accountingUrl}/_control/calls`);
    const { calls, counts } = await readJson(response);

    expect(counts).toEqual({ 'GET /employees/E1001/salary': 2, 'GET /payroll': 1 });
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual({ method: 'GET', path: '/employees/E1001/salary', status: 200 });
  });

  test('reset clears rules, calls and payroll', async () => {
    await post(`${systems.accountingUrl}/payroll`, { employee: 'E1001', month: '2026-11', base: 1, bonus: 1 });
    await post(`${systems.accountingUrl}/_control/fail`, { path: '/payroll', status: 500, times: 5 });

    await post(`${systems.accountingUrl}/_control/reset`, undefined);
    const listed = await fetch(`${systems.accountingUrl}/payroll`);
    const calls = await readJson(await fetch(`${systems.accountingUrl}/_control/calls`));

    expect(listed.status).toBe(200);
    expect((await readJson(listed)).records).toEqual([]);
    expect(calls.counts).toEqual({ 'GET /payroll': 1 });
  });

  test.each([
    [{ status: 500 }, '"path"'],
    [{ path: '/payroll', status: 200 }, '"status"'],
    [{ path: '/payroll', times: 0 }, '"times"'],
    [{ path: '/payroll', delayMs: -5 }, '"delayMs"'],
  ])('invalid rule %j is rejected', async (rule, field) => {
    const response = await post(`${systems.bonusUrl}/_control/fail`, rule);

    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toContain(field);
  });
});

describe('startSampleSystems', () => {
  test('fails on an invalid employee', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'sirocco-samples-')), 'employees.json');
    writeFileSync(dataFile, JSON.stringify({ employees: [{ id: 'E1' }] }));

    await expect(startSampleSystems({ accountingPort: 0, bonusPort: 0, dataFile })).rejects.toThrow(
      'Invalid employee at index 0',
    );
  });

  test('names a busy accounting port', async () => {
    const blocker = await listenOnLoopback(createServer(), 0);
    try {
      const start = startSampleSystems({ accountingPort: blocker.port, bonusPort: 0 });

      await expect(start).rejects.toBeInstanceOf(SamplePortInUseError);
      await expect(start).rejects.toMatchObject({ system: 'accounting', port: blocker.port, option: '--accounting-port' });
      await expect(start).rejects.toThrow(
        `Port ${blocker.port} on 127.0.0.1 (--accounting-port) is already in use, so the sample accounting system cannot start. ` +
          'Stop the process that uses it, or choose another port with --accounting-port (0 picks a free port).',
      );
    } finally {
      await blocker.close();
    }
  });

  test('busy bonus port stops accounting', async () => {
    const blocker = await listenOnLoopback(createServer(), 0);
    const probe = await listenOnLoopback(createServer(), 0);
    const accountingPort = probe.port;
    await probe.close();
    try {
      const start = startSampleSystems({ accountingPort, bonusPort: blocker.port });

      await expect(start).rejects.toMatchObject({ system: 'bonus', option: '--bonus-port' });
      const rebound = await listenOnLoopback(createServer(), accountingPort);
      await rebound.close();
    } finally {
      await blocker.close();
    }
  });
});
