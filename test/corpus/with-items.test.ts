import { compileCorpus, CorpusRun, expectedAsl, type Handler } from './engine-harness';

const runs: CorpusRun[] = [];

async function run(name: string, handlers: Record<string, Handler>, input: unknown): Promise<{ run: CorpusRun; done: Record<string, unknown> }> {
  const corpusRun = new CorpusRun(handlers);
  runs.push(corpusRun);
  await corpusRun.start(name, input);
  return { run: corpusRun, done: await corpusRun.finish() };
}

afterAll(async () => {
  for (const corpusRun of runs) await corpusRun.close();
});

const recordTotal: Handler = (event) => ({ total: (event.input as { total: number }).total });

describe('with-items', () => {
  it('compiles to a Map state', () => {
    const result = compileCorpus('with-items');

    expect(result.diagnostics).toStrictEqual([]);
    expect(result.asl).toStrictEqual(expectedAsl('with-items'));
  });

  it('returns the item results in order', async () => {
    const { run: corpusRun, done } = await run(
      'with-items',
      {
        Action_bonus_calculate: (event) => ({ amount: (event.input as { employee: string }).employee.length * 100 }),
        Action_accounting_record_payroll: recordTotal,
      },
      { team: [{ id: 'ann' }, { id: 'bartholomew' }, { id: 'cy' }], month: '2026-11' },
    );

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({ bonuses: [{ amount: 300 }, { amount: 1100 }, { amount: 200 }], total: 1600 });
    expect(corpusRun.services.events.get('Action_bonus_calculate')?.map((event) => event.input)).toEqual(
      expect.arrayContaining([{ employee: 'ann', month: '2026-11' }, { employee: 'cy', month: '2026-11' }]),
    );
  });

  it('returns an empty list for no items', async () => {
    const { run: corpusRun, done } = await run(
      'with-items',
      { Action_bonus_calculate: () => ({ amount: 1 }), Action_accounting_record_payroll: recordTotal },
      { team: [], month: '2026-11' },
    );

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({ bonuses: [], total: 0 });
    expect(corpusRun.services.events.get('Action_bonus_calculate')).toBeUndefined();
  });

  it('fails when one item fails', async () => {
    const { done } = await run(
      'with-items',
      {
        Action_bonus_calculate: (event) => {
          if ((event.input as { employee: string }).employee === 'bob') throw new Error('no contract');
          return { amount: 1 };
        },
        Action_accounting_record_payroll: recordTotal,
      },
      { team: [{ id: 'ann' }, { id: 'bob' }], month: '2026-11' },
    );

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Sirocco.Fail');
    expect(done.cause).toBe('A bonus could not be calculated.');
  });
});

describe('with-items over zipped lists', () => {
  it('compiles to a Map over $zip', () => {
    const result = compileCorpus('with-items-zipped');

    expect(result.diagnostics).toStrictEqual([]);
    expect(result.asl).toStrictEqual(expectedAsl('with-items-zipped'));
  });

  it('pairs the lists item by item', async () => {
    const { done } = await run('with-items-zipped', { Action_accounting_record_payroll: (event) => event.input }, { employees: ['ann', 'bob'], amounts: [10, 20] });

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({
      employees: ['ann', 'bob'],
      amounts: [10, 20],
      receipts: [
        { employee: 'ann', total: 10 },
        { employee: 'bob', total: 20 },
      ],
    });
  });

  it('fails when the lists differ in length', async () => {
    const { done } = await run('with-items-zipped', { Action_accounting_record_payroll: (event) => event.input }, { employees: ['ann', 'bob'], amounts: [10] });

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.QueryEvaluationError');
    expect(String(done.cause)).toContain("The with-items lists of task 'record_salaries' differ in length.");
  });
});
