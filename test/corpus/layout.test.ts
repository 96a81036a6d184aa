import { compileFile } from '../../lib/compiler';
import { knownActions, readJson, readText } from '../compiler/helpers';
import { compileCorpus, CorpusEngine } from './layout-engine-run';

function aslByName(file: string): Record<string, unknown> {
  return Object.fromEntries([...compileCorpus(file)].map(([name, result]) => [name, result.asl]));
}

function codesOf(source: string): string[] {
  return compileFile(source, { file: 'inline.yaml', actions: knownActions }).diagnostics.map((d) => d.code);
}

describe('file layouts', () => {
  it('Mistral workflow file compiles each workflow', () => {
    expect(aslByName('test/corpus/layouts/workflows.yaml')).toStrictEqual(readJson('test/corpus/layouts/workflows.asl.json'));
  });

  it('workbook names machines <workbook>-<workflow>', () => {
    expect(aslByName('test/corpus/layouts/workbook.yaml')).toStrictEqual(readJson('test/corpus/layouts/workbook.asl.json'));
  });

  it('workbook keeps the guard warning', () => {
    const result = compileFile(readText('test/corpus/layouts/workbook.yaml'), { file: 'test/corpus/layouts/workbook.yaml', actions: knownActions });

    expect(result.layout).toBe('workbook');
    expect(result.diagnostics.map((d) => `${d.code}:${d.start.line}`)).toStrictEqual(['SRC1110:18']);
    expect(result.workflows[0].diagnostics.map((d) => d.code)).toStrictEqual(['SRC1110']);
    expect(result.workflows[1].diagnostics).toStrictEqual([]);
  });

  it('Sirocco layout returns one workflow', () => {
    const result = compileFile(readText('workflows/salary.yaml'), { file: 'workflows/salary.yaml', actions: knownActions });

    expect(result.layout).toBe('workflow');
    expect(result.workflows.map((w) => w.metadata?.name)).toStrictEqual(['salary']);
    expect(result.workflows[0].asl).toStrictEqual(readJson('test/fixtures/compiler/salary.asl.json'));
  });

  it('schema errors point into the section', () => {
    const source = "version: '2.0'\nfirst:\n  tasks:\n    one:\n      action: shop.notify\n      colour: red\n";
    const result = compileFile(source, { file: 'inline.yaml', actions: knownActions });

    expect(result.diagnostics.map((d) => `${d.code}:${d.start.line}:${d.start.column}`)).toStrictEqual(['SRC1004:6:7']);
    expect(result.workflows).toHaveLength(1);
    expect(result.workflows[0].asl).toBeUndefined();
  });

  it('reports broken layouts', () => {
    const cases: [string, string[]][] = [
      ["version: '2.0'\n", ['SRC2101']],
      ["version: '2.0'\nfirst: 3\n", ['SRC2102']],
      ["version: '2.0'\nfirst.flow:\n  tasks:\n    one:\n      action: shop.notify\n", ['SRC2103']],
      ["version: '2.0'\ngreet:\n  base: shop.notify\n  base-input: {}\n", []],
      ["version: '1.0'\nfirst:\n  tasks:\n    one:\n      action: shop.notify\n", ['SRC1003']],
      ["first:\n  tasks:\n    one:\n      action: shop.notify\n", ['SRC1005']],
      ["version: '2.0'\nname: wb\nflows: {}\nworkflows: {}\n", ['SRC2104']],
      ["version: '2.0'\nworkflows:\n  first:\n    tasks:\n      one:\n        action: shop.notify\n", ['SRC2105']],
      ["version: '2.0'\nname: wb\nworkflows: [one]\n", ['SRC2102']],
      ["version: '2.0'\nname: wb\nactions: {}\nworkflows: {}\n", []],
      ["version: '2.0'\nname: wb\nactions:\n  tell: 3\nworkflows: {}\n", ['SRC2102']],
      ["version: '2.0'\nfirst:\n  type: reverse\n  tasks:\n    one:\n      action: shop.notify\n", ['SRC2130']],
      ["version: '2.0'\nfirst:\n  type: sideways\n  tasks:\n    one:\n      action: shop.notify\n", ['SRC1006']],
    ];

    for (const [source, codes] of cases) {
      expect({ source, codes: codesOf(source) }).toStrictEqual({ source, codes });
    }
  });
});

describe('file layouts on the local engine', () => {
  const engine = new CorpusEngine();

  beforeAll(() => engine.start());
  afterAll(() => engine.close());

  it('ship_order publishes the parcel', async () => {
    const workflow = compileCorpus('test/corpus/layouts/workflows.yaml').get('ship_order');
    const done = await engine.run('ship_order', workflow!, { Action_stock_pack: () => ({ parcel: 'p-9' }), Action_shop_ship: () => ({}) }, { order_id: 'o-9' });

    expect(done.status).toBe('SUCCEEDED');
    expect(done.output).toStrictEqual({ parcel: 'p-9' });
    expect(done.events.get('Action_shop_ship')?.[0].input).toStrictEqual({ parcel: 'p-9' });
  });

  it('ship_order fails when the carrier rejects', async () => {
    const workflow = compileCorpus('test/corpus/layouts/workflows.yaml').get('ship_order');
    const reject = () => {
      throw new Error('no carrier');
    };
    const done = await engine.run('ship_order_rejected', workflow!, { Action_stock_pack: () => ({ parcel: 'p-9' }), Action_shop_ship: reject }, { order_id: 'o-9' });

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Sirocco.Fail');
    expect(done.cause).toBe('The carrier rejected the parcel.');
  });

  it('workbook quote routes a large total to review', async () => {
    const workflow = compileCorpus('test/corpus/layouts/workbook.yaml').get('orders-quote');
    const handlers = { Action_shop_quote: () => ({ total: 1500 }), Action_shop_review: () => ({}), Action_shop_accept: () => ({}) };
    const done = await engine.run('orders-quote', workflow!, handlers, { order_id: 'o-1' });

    expect(done.status).toBe('SUCCEEDED');
    expect(done.output).toStrictEqual({ total: 1500 });
    expect(done.events.get('Action_shop_review')).toHaveLength(1);
    expect(done.events.get('Action_shop_accept')).toBeUndefined();
  });
});
