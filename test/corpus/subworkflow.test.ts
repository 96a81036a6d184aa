import { compileFile } from '../../lib/compiler';
import { knownActions, readJson } from '../compiler/helpers';
import { compileCorpus, CorpusEngine } from './layout-engine-run';

const file = 'test/corpus/subworkflow/orders.yaml';

describe('sub-workflows', () => {
  it('compile to startExecution.sync:2', () => {
    const asl = Object.fromEntries([...compileCorpus(file)].map(([name, result]) => [name, result.asl]));

    expect(asl).toStrictEqual(readJson('test/corpus/subworkflow/orders.asl.json'));
  });

  it('report the child as a workflow substitution', () => {
    const parent = compileCorpus(file).get('orders-fulfil');

    expect(parent?.metadata?.substitutions).toStrictEqual([
      { key: 'Workflow_orders_charge', kind: 'workflow', workflow: 'orders-charge' },
      { key: 'Action_shop_ship', kind: 'action', action: 'shop.ship' },
    ]);
    expect(parent?.metadata?.actions).toStrictEqual(['shop.ship']);
  });

  it('name a dotted reference with a dash', () => {
    const source = "version: '2.0'\nname: parent\ntasks:\n  run:\n    workflow: books.close\n";
    const result = compileFile(source, { file: 'parent.yaml', actions: knownActions });
    const state = result.workflows[0].asl?.States.run as { Arguments: { StateMachineArn: string } };

    expect(result.diagnostics).toStrictEqual([]);
    expect(state.Arguments.StateMachineArn).toBe('${Workflow_books_close}');
  });

  it('reject action and workflow together', () => {
    const source = "version: '2.0'\nname: parent\ntasks:\n  run:\n    action: shop.ship\n    workflow: child\n";
    const result = compileFile(source, { file: 'parent.yaml', actions: knownActions });

    expect(result.diagnostics.map((d) => d.code)).toStrictEqual(['SRC1006']);
  });
});

describe('sub-workflows on the local engine', () => {
  const engine = new CorpusEngine();
  const workflows = compileCorpus(file);

  beforeAll(async () => {
    await engine.start();
    await engine.deploy('orders-charge', workflows.get('orders-charge')!);
  });
  afterAll(() => engine.close());

  it('parent reads the child output', async () => {
    const handlers = { Action_payment_charge: () => ({ id: 'c-77' }), Action_shop_ship: () => ({}) };
    const done = await engine.run('orders-fulfil', workflows.get('orders-fulfil')!, handlers, { order_id: 'o-7', total: 40 });

    expect(done.status).toBe('SUCCEEDED');
    expect(done.output).toStrictEqual({ receipt: 'c-77' });
    expect(done.events.get('Action_payment_charge')?.[0].input).toStrictEqual({ order: 'o-7', amount: 40 });
    expect(done.events.get('Action_shop_ship')?.[0].input).toStrictEqual({ order: 'o-7', receipt: 'c-77' });
  });

  it('parent fails when the child fails', async () => {
    const decline = () => {
      throw new Error('card declined');
    };
    const done = await engine.run('orders-fulfil-declined', workflows.get('orders-fulfil')!, { Action_payment_charge: decline, Action_shop_ship: () => ({}) }, { order_id: 'o-8', total: 40 });

    expect(done.status).toBe('FAILED');
    expect(done.cause).toBe('The payment failed.');
    expect(done.events.get('Action_shop_ship')).toBeUndefined();
  });
});
