import { readJson } from '../compiler/helpers';
import { compileCorpus, CorpusEngine } from './layout-engine-run';

const file = 'test/corpus/environment/regions.yaml';

describe('environment of sub-workflows', () => {
  it('compiles the parent to pass __env on', () => {
    const asl = Object.fromEntries([...compileCorpus(file)].map(([name, result]) => [name, result.asl]));

    expect(asl).toStrictEqual(readJson('test/corpus/environment/regions.asl.json'));
  });
});

describe('environment of sub-workflows on the local engine', () => {
  const engine = new CorpusEngine();
  const workflows = compileCorpus(file);
  const handlers = { Action_shop_notify: () => ({}) };

  beforeAll(async () => {
    await engine.start();
    await engine.deploy('regions-report', workflows.get('regions-report')!);
  });
  afterAll(() => engine.close());

  it('child reads the parent environment', async () => {
    const input = { month: '2026-11', __env: { region: 'eu-west-1' } };
    const done = await engine.run('regions-close', workflows.get('regions-close')!, handlers, input);

    expect(done.status).toBe('SUCCEEDED');
    expect(done.output).toStrictEqual({ summary: 'sent to eu-west-1', region: 'eu-west-1' });
    expect(done.events.get('Action_shop_notify')?.[0].input).toStrictEqual({ text: 'Report 2026-11 for eu-west-1' });
  });

  it('child started with one input expression reads the parent environment', async () => {
    const input = { month: '2026-12', __env: { region: 'us-west-2' } };
    const done = await engine.run('regions-close-expression', workflows.get('regions-close_expression')!, handlers, input);

    expect(done.status).toBe('SUCCEEDED');
    expect(done.output).toStrictEqual({ summary: 'sent to us-west-2' });
    expect(done.events.get('Action_shop_notify')?.[0].input).toStrictEqual({ text: 'Report 2026-12 for us-west-2' });
  });

  it('child of a parent without environment reads an empty one', async () => {
    const done = await engine.run('regions-close-bare', workflows.get('regions-close')!, handlers, { month: '2026-11' });

    expect(done.status).toBe('SUCCEEDED');
    expect(done.output).toStrictEqual({ summary: 'sent to ' });
    expect(done.events.get('Action_shop_notify')?.[0].input).toStrictEqual({ text: 'Report 2026-11 for ' });
  });
});
