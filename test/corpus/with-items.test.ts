import { CorpusRun } from './engine-harness';

/**
 * The corpus runs serve responses in call order, so they cannot tell a Map
 * that returns results in call order from one that keeps item order. Here
 * each result depends on its item.
 */

let corpusRun: CorpusRun;

afterEach(async () => {
  await corpusRun.close();
});

describe('with-items', () => {
  it('keeps results in item order', async () => {
    corpusRun = new CorpusRun({
      Action_bonus_calculate: (event) => ({ amount: (event.input as { employee: string }).employee.length * 100 }),
      Action_accounting_record_payroll: (event) => ({ total: (event.input as { total: number }).total }),
    });
    await corpusRun.start('with-items', { team: [{ id: 'ann' }, { id: 'bartholomew' }, { id: 'cy' }], month: '2026-11' });
    const done = await corpusRun.finish();

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({ bonuses: [{ amount: 300 }, { amount: 1100 }, { amount: 200 }], total: 1600 });
  });
});
