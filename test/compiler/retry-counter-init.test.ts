import { compileWorkflow } from '../../lib/compiler';

type States = Record<string, Record<string, unknown>>;

const actions = ['shop.charge', 'shop.pack'];
const retry = "    retry:\n      count: 2\n      delay: 1\n      break-on: <% $error.Error = 'Declined' %>\n";

function compile(source: string): { StartAt: string; States: States } {
  const result = compileWorkflow(source, { file: 'retry.yaml', actions });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.asl || errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));

  return result.asl as unknown as { StartAt: string; States: States };
}

describe('retry counter initialization', () => {
  it('joins the input state', () => {
    const asl = compile(`version: '2.0'\nname: w\ninput: [order]\ntasks:\n  charge:\n    action: shop.charge\n${retry}`);

    expect(asl.StartAt).toBe('input');
    expect(asl.States.input.Assign).toMatchObject({ charge__retries: 0 });
  });

  it('adds a Pass without input state', () => {
    const asl = compile(`version: '2.0'\nname: w\ntasks:\n  charge:\n    action: shop.charge\n${retry}`);

    expect(asl.StartAt).toBe('charge.retry.init');
    expect(asl.States['charge.retry.init']).toMatchObject({ Type: 'Pass', Assign: { charge__retries: 0 }, Next: 'charge' });
  });

  it('joins a Pass that starts a branch', () => {
    const source =
      "version: '2.0'\nname: w\ntasks:\n  start:\n    action: std.noop\n    on-success: [ready, pack]\n" +
      `  ready:\n    action: std.noop\n    on-success: charge\n  charge:\n    action: shop.charge\n${retry}    on-success: done\n` +
      '  pack:\n    action: shop.pack\n    on-success: done\n  done:\n    join: all\n    action: shop.pack\n';
    const asl = compile(source);
    const parallel = Object.values(asl.States).find((state) => state.Type === 'Parallel') as { Branches: { StartAt: string; States: States }[] };
    const branch = parallel.Branches.find((candidate) => 'charge' in candidate.States);

    expect(branch?.StartAt).toBe('ready');
    expect(branch?.States.ready.Assign).toStrictEqual({ charge__retries: 0 });
    expect(asl.States.start.Assign).toBeUndefined();
  });

  it('reads the counter without $exists', () => {
    const text = JSON.stringify(compile(`version: '2.0'\nname: w\ntasks:\n  charge:\n    action: shop.charge\n${retry}`));

    expect(text).toContain('$charge__retries < 2');
    expect(text).not.toContain('$exists($charge__retries)');
  });

  it('gives each copy its own counter', () => {
    const source =
      "version: '2.0'\nname: w\ntasks:\n  start:\n    action: shop.pack\n    on-success: [left, right]\n" +
      '  left:\n    action: shop.pack\n    on-success: charge\n  right:\n    action: shop.pack\n    on-success: charge\n' +
      `  charge:\n    action: shop.charge\n${retry}`;
    const asl = compile(source);
    const parallel = asl.States['start.on-success.fork'] as { Branches: { StartAt: string; States: States }[] };
    const [first, second] = parallel.Branches;

    expect(first.States['charge.retry.init'].Assign).toStrictEqual({ charge__retries: 0 });
    expect(second.StartAt).toBe('charge.2.retry.init');
    expect(second.States['charge.2.retry.init'].Assign).toStrictEqual({ charge__copy2__retries: 0 });
    expect(JSON.stringify(second.States['charge.2.retry'])).toContain('$charge__copy2__retries < 2');
    expect(JSON.stringify(second.States)).not.toContain('$charge__retries');
    expect(second.States['charge.2.retry.wait'].Next).toBe('charge.2');
  });
});
