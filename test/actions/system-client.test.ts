import { callSystem } from '../../lambdas/shared/system-client';
import { SampleSystems, startSampleSystems } from '../../lib/samples/sample-systems';

let systems: SampleSystems;

beforeAll(async () => {
  systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
});

afterAll(async () => {
  await systems.stop();
});

describe('callSystem', () => {
  test('sends query parameters', async () => {
    const body = await callSystem(`${systems.bonusUrl}/`, {
      method: 'GET',
      path: '/employees/E1002/bonus',
      query: { month: '2026-11' },
    });

    expect(body).toEqual({ amount: 193, currency: 'EUR' });
  });

  test('times out a slow response', async () => {
    await fetch(`${systems.bonusUrl}/_control/fail`, {
      method: 'POST',
      body: JSON.stringify({ path: '/employees/E1001/bonus', status: 500, delayMs: 5000 }),
    });

    const call = callSystem(systems.bonusUrl, {
      method: 'GET',
      path: '/employees/E1001/bonus',
      query: { month: '2026-11' },
      timeoutMs: 50,
    });

    await expect(call).rejects.toMatchObject({ name: 'SystemError.Timeout' });
    await expect(call).rejects.toThrow('timed out after 50 ms');
  });

  test('cuts a long error body', async () => {
    const call = callSystem(systems.bonusUrl, { method: 'GET', path: `/${'x'.repeat(500)}` });

    await expect(call).rejects.toMatchObject({ name: 'SystemError.404' });
    await expect(call).rejects.toThrow(/\.\.\.$/);
  });
});
