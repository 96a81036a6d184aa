import { compileWorkflow } from '../../lib/compiler';

type States = Record<string, Record<string, unknown>>;

const retry = "    retry:\n      count: 2\n      delay: 1\n      break-on: <% $error.Error = 'Declined' %>\n      continue-on: <% $result.pending %>\n";

function statesOf(source: string): States {
  const result = compileWorkflow(source, { file: 'retry.yaml', actions: ['shop.charge'] });
  if (!result.asl) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));

  return result.asl.States as States;
}

describe('retry loops by state type', () => {
  it('leaves a Pass state without loops', () => {
    const states = statesOf(`version: '2.0'\nname: w\ntasks:\n  echo:\n    action: std.echo\n    input:\n      output: {pending: false}\n${retry}`);

    expect(states.echo.Type).toBe('Pass');
    expect(states.echo.Catch).toBeUndefined();
    expect(Object.keys(states)).toStrictEqual(['echo']);
  });

  it('leaves a Pass item state without loops', () => {
    const source = `version: '2.0'\nname: w\ntasks:\n  echo:\n    with-items: n in <% [1, 2] %>\n    action: std.echo\n    input:\n      output: {pending: false}\n${retry}`;
    const processor = statesOf(source).echo.ItemProcessor as { StartAt: string; States: States };

    expect(processor.StartAt).toBe('echo.item');
    expect(processor.States['echo.item'].Catch).toBeUndefined();
    expect(Object.keys(processor.States)).toStrictEqual(['echo.item']);
  });

  it('loops a Task item state', () => {
    const source = `version: '2.0'\nname: w\ntasks:\n  charge:\n    with-items: n in <% [1, 2] %>\n    action: shop.charge\n${retry}`;
    const processor = statesOf(source).charge.ItemProcessor as { StartAt: string; States: States };

    expect(processor.StartAt).toBe('charge.item.init');
    expect(processor.States['charge.item'].Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], Next: 'charge.item.retry' }]);
    expect(processor.States['charge.item'].Next).toBe('charge.item.continue-on');
  });
});
