import { compileFile } from '../../lib/compiler';
import { knownActions, readJson } from '../compiler/helpers';
import { compileCorpus, CorpusEngine } from './layout-engine-run';

const file = 'test/corpus/adhoc/notify.yaml';

function codesOf(source: string): string[] {
  return compileFile(source, { file: 'inline.yaml', actions: knownActions }).diagnostics.map((d) => `${d.code}:${d.start.line}`);
}

const header = "version: '2.0'\nname: wb\nactions:\n  tell:\n    base: shop.notify\n    base-input:\n      text: <% $.words %>\n    input: [words]\n";

describe('ad-hoc actions', () => {
  it('expand into the base action', () => {
    const asl = Object.fromEntries([...compileCorpus(file)].map(([name, result]) => [name, result.asl]));

    expect(asl).toStrictEqual(readJson('test/corpus/adhoc/notify.asl.json'));
  });

  it('list the base action in the metadata', () => {
    expect(compileCorpus(file).get('shop-announce')?.metadata?.actions).toStrictEqual(['shop.notify']);
  });

  it.each([
    ['unknown input', 'workflows:\n  w:\n    tasks:\n      a:\n        action: tell words=hi colour=red\n', ['SRC2107:13']],
    ['missing input', 'workflows:\n  w:\n    tasks:\n      a:\n        action: tell\n', ['SRC2108:13']],
    ['input not a mapping', 'workflows:\n  w:\n    tasks:\n      a:\n        action: tell\n        input: <% 1 %>\n', ['SRC2109:13']],
  ])('report %s', (_case, body, codes) => {
    expect(codesOf(header + body)).toStrictEqual(codes);
  });

  it('report invalid definitions but accept output', () => {
    const source =
      "version: '2.0'\nname: wb\nactions:\n  tell:\n    base: shop.notify\n    output: <% $ %>\n  broken:\n    base-input: {}\n" +
      'workflows:\n  w:\n    tasks:\n      a:\n        action: shop.notify\n';

    expect(codesOf(source)).toStrictEqual(['SRC2111:7']);
  });
});

describe('ad-hoc actions on the local engine', () => {
  const engine = new CorpusEngine();
  const workflow = compileCorpus(file).get('shop-announce')!;

  beforeAll(() => engine.start());
  afterAll(() => engine.close());

  it('late order sends an urgent text', async () => {
    const done = await engine.run('announce-late', workflow, { Action_shop_notify: () => ({}) }, { order_id: 'o-3', late: true });

    expect(done.status).toBe('SUCCEEDED');
    expect(done.events.get('Action_shop_notify')?.map((event) => event.input)).toStrictEqual([
      { text: 'Order o-3 is late.', urgent: true, channel: 'sms' },
      { text: 'Order o-3 is ready.', urgent: false, channel: 'sms' },
    ]);
  });

  it('failed notification fails the workflow', async () => {
    const fail = () => {
      throw new Error('no signal');
    };
    const done = await engine.run('announce-failed', workflow, { Action_shop_notify: fail }, { order_id: 'o-4' });

    expect(done.status).toBe('FAILED');
    expect(done.cause).toBe('The customer could not be told.');
  });
});
