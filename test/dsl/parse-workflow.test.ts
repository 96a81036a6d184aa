import { DiagnosticBag } from '../../lib/diagnostics/diagnostic';
import type { Expression, TransitionItem, ValueTree } from '../../lib/dsl/model';
import { parseWorkflow } from '../../lib/dsl/parse-workflow';

function parse(source: string) {
  const bag = new DiagnosticBag('w.yaml');
  const workflow = parseWorkflow(source, bag);
  return { workflow, diagnostics: bag.items };
}

function expressionIn(value: ValueTree | undefined): Expression {
  if (value?.kind !== 'expression') throw new Error(`expected an expression, got ${value?.kind}`);
  return value.expression;
}

function guardOf(item: TransitionItem | undefined): Expression {
  if (item?.guard === undefined || item.guard === true) throw new Error('expected a guard expression');
  return item.guard;
}

function templatePart(value: ValueTree | undefined, index: number): Expression {
  const part = value?.kind === 'template' ? value.parts[index] : undefined;
  if (part === undefined || typeof part === 'string') throw new Error(`expected an expression at part ${index}`);
  return part;
}

const source = [
  "version: '2.0'",
  'name: positions',
  'input:',
  '  - id',
  '  - month: 1',
  'tasks:',
  '  first:',
  '    action: shop.check',
  '    input:',
  '      plain: <% $id %>',
  '      quoted: "x <% $month %>"',
  '    on-success:',
  '      - fail msg="stopped <% $id %>": <% $id = 0 %>',
  '',
].join('\n');

describe('parseWorkflow', () => {
  const { workflow, diagnostics } = parse(source);

  it('reads without diagnostics', () => {
    expect(diagnostics).toStrictEqual([]);
  });

  it('keeps input names and defaults', () => {
    expect(workflow?.input.map(({ name, default: fallback }) => ({ name, fallback }))).toStrictEqual([
      { name: 'id', fallback: undefined },
      { name: 'month', fallback: 1 },
    ]);
  });

  it('locates a plain scalar expression', () => {
    const input = workflow?.tasks[0].input;
    const plain = input?.kind === 'object' ? input.entries[0][1] : undefined;

    expect(expressionIn(plain).range).toStrictEqual({ start: { line: 10, column: 17 }, end: { line: 10, column: 20 } });
  });

  it('locates an expression inside a quoted string', () => {
    const input = workflow?.tasks[0].input;
    const quoted = input?.kind === 'object' ? input.entries[1][1] : undefined;

    expect(templatePart(quoted, 1).range.start).toStrictEqual({ line: 11, column: 21 });
  });

  it('reads a fail command with a message and a guard', () => {
    const item = workflow?.tasks[0].transitions['on-success']?.items[0];

    expect(item?.target.kind).toBe('fail');
    expect(guardOf(item).text).toBe('$id = 0');
    expect(guardOf(item).range.start).toStrictEqual({ line: 13, column: 42 });
  });

  it('reports an expression error inside a fail message at its column', () => {
    const broken = source.replace('stopped <% $id %>', 'stopped <% $id + %>');
    const result = parse(broken);

    expect(result.diagnostics.map((d) => [d.code, d.start])).toStrictEqual([['SRC1201', { line: 13, column: 35 }]]);
  });

  it('reads the map form of a fail command', () => {
    const mapForm = source.replace(/    on-success:\n.*\n/, '    on-success:\n      - fail:\n          msg: stopped <% $id %>\n');
    const result = parse(mapForm);
    const target = result.workflow?.tasks[0].transitions['on-success']?.items[0].target;

    expect(result.diagnostics).toStrictEqual([]);
    expect(target).toMatchObject({ kind: 'fail', message: { kind: 'template' } });
  });

  it('reads noop apart from succeed', () => {
    const commands = source.replace(/    on-success:\n.*\n/, '    on-success:\n      - noop: <% $id = 1 %>\n      - succeed: <% $id != 1 %>\n');
    const result = parse(commands);
    const items = result.workflow?.tasks[0].transitions['on-success']?.items;

    expect(result.diagnostics).toStrictEqual([]);
    expect(items?.[0].target.kind).toBe('noop');
    expect(items?.[1].target.kind).toBe('succeed');
  });
});
