import { compileWorkflow } from '../../lib/compiler';
import type { CompileResult } from '../../lib/compiler/types';
import { readText } from './helpers';

/**
 * A `std.noop` task that only routes compiles to its Choice or its fork's
 * Parallel alone, named after the task, which bills one transition less.
 */

type States = Record<string, Record<string, unknown>>;

const header = "version: '2.0'\nname: routers\ninput: [kind]\n";

function compile(tasks: string): CompileResult {
  const result = compileWorkflow(`${header}tasks:\n${tasks}`, { file: 'routers.yaml' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  return result;
}

function statesOf(result: CompileResult): States {
  return result.asl?.States as States;
}

const targets = `  big:
    action: shop.pack
  small:
    action: shop.pack
`;

function router(extra: string): string {
  return `  route:
    action: std.noop
${extra}    on-success:
      - big: <% $kind = 'big' %>
      - small: <% $not($kind = 'big') %>
${targets}`;
}

describe('Choice router', () => {
  it('compiles to its Choice alone', () => {
    const result = compile(router(''));
    const states = statesOf(result);

    expect(Object.keys(states)).toStrictEqual(['input', 'route', 'big', 'small']);
    expect(states.route).toMatchObject({ Type: 'Choice', Default: 'small' });
    expect(states.input.Next).toBe('route');
    expect(result.metadata?.transitions).toStrictEqual({ shortest: 3, longest: 3 });
  });

  it('assigns literal publish values on the Choice', () => {
    const states = statesOf(compile(router('    publish:\n      size: null\n')));

    expect(states.route).toMatchObject({ Type: 'Choice', Assign: { size: null } });
  });

  it('keeps its Pass when a guard reads its publish', () => {
    const result = compile(`  route:
    action: std.noop
    publish:
      size: big
    on-success:
      - big: <% $size = $kind %>
      - small: <% $not($size = $kind) %>
${targets}`);
    const states = statesOf(result);

    expect(states.route).toMatchObject({ Type: 'Pass', Assign: { size: 'big' }, Next: 'route.on-success' });
    expect(states['route.on-success'].Type).toBe('Choice');
  });

  it.each([
    ['an expression publish', '    publish:\n      size: <% $kind %>\n'],
    ['wait-before', '    wait-before: 5\n'],
    ['pause-before', '    pause-before: true\n'],
  ])('keeps its Pass with %s', (_case, extra) => {
    const states = statesOf(compile(router(extra)));

    expect(states.route.Type).toBe('Pass');
    expect(states['route.on-success'].Type).toBe('Choice');
  });

  it('keeps the Pass of std.echo', () => {
    const states = statesOf(compile(router('').replace('std.noop', 'std.echo\n    input:\n      output: 1')));

    expect(states.route.Type).toBe('Pass');
  });

  it('names a missing default after the transition', () => {
    const states = statesOf(
      compile(`  route:
    action: std.noop
    on-success:
      - big: <% $kind = 'big' %>
  big:
    action: shop.pack
`),
    );

    expect(states.route).toMatchObject({ Type: 'Choice', Default: 'route.on-success.default' });
    expect(states['route.on-success.default'].Type).toBe('Succeed');
  });
});

describe('fork router', () => {
  it('names the Parallel of a fork without join after the task', () => {
    const result = compile(`  route:
    action: std.noop
    on-success: [big, small]
${targets}`);
    const states = statesOf(result);

    expect(Object.keys(states)).toStrictEqual(['input', 'route']);
    expect(states.route.Type).toBe('Parallel');
    expect(result.metadata?.transitions).toStrictEqual({ shortest: 4, longest: 4 });
  });

  it('names the Parallel of a joined fork after the task', () => {
    const states = statesOf(
      compile(`  route:
    action: std.noop
    on-success: [big, small]
  big:
    action: shop.pack
    on-success: done
  small:
    action: shop.pack
    on-success: done
  done:
    join: all
    action: shop.pack
`),
    );

    expect(Object.keys(states)).toStrictEqual(['input', 'route', 'done']);
    expect(states.route).toMatchObject({ Type: 'Parallel', Next: 'done' });
  });

  it('keeps its Pass when it publishes', () => {
    const states = statesOf(
      compile(`  route:
    action: std.noop
    publish:
      size: null
    on-success: [big, small]
${targets}`),
    );

    expect(states.route).toMatchObject({ Type: 'Pass', Next: 'route.on-success.fork' });
    expect(states['route.on-success.fork'].Type).toBe('Parallel');
  });
});

describe('reverse workflow routers', () => {
  it('bills one transition less per gate and level', () => {
    const file = 'test/corpus/reverse-task-name.yaml';
    const result = compileWorkflow(readText(file), { file });
    const states = statesOf(result);

    expect(states.reverse_gate_check.Type).toBe('Choice');
    expect(states.reverse_level_1.Type).toBe('Parallel');
    expect(states['reverse_gate_check.on-success']).toBeUndefined();
    expect(result.metadata?.transitions).toStrictEqual({ shortest: 9, longest: 10 });
  });
});
