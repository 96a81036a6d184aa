import { compileFile } from '../../lib/compiler';
import { formatDiagnostic } from '../../lib/diagnostics/format';
import { taskResultDiagnosticCases } from '../compiler/task-result-diagnostics.cases';

const file = 'workflows/case.yaml';
const actions = ['shop.check', 'shop.archive'];

describe('task(name).result and env() diagnostics', () => {
  it.each(taskResultDiagnosticCases.map((c) => [c.code, c.title, c] as const))('%s %s', (code, _title, testCase) => {
    const result = compileFile(testCase.source, { file, actions });
    const printed = result.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0]);

    expect(printed).toHaveLength(1);
    expect(printed[0].startsWith(`${file}:${testCase.line}:${testCase.column} error ${code}: `)).toBe(true);
    expect(result.diagnostics[0].message).toContain(testCase.message);
    expect(result.workflows[0]?.asl).toBeUndefined();
  });

  it.each([
    ['task(name).state', "<% task('check').state %>", 'SRC1206', 13],
    ['env() with an argument', '<% env(1) %>', 'SRC1206', 13],
    ['task() of an expression', '<% task(1 + 2).result %>', 'SRC1206', 13],
  ])('%s reports one diagnostic', (_form, value, code, column) => {
    const source = `version: '2.0'\nname: case\ntasks:\n  check:\n    action: shop.check\n    input:\n      x: ${value}\n`;
    const result = compileFile(source, { file, actions });

    expect(result.diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.code}`)).toStrictEqual([`7:${column} ${code}`]);
  });

  it('reads the own result in publish and guards', () => {
    const source =
      "version: '2.0'\nname: case\ntasks:\n  check:\n    action: shop.check\n    publish:\n      status: <% task(check).result.status %>\n" +
      "    on-success:\n      - archive: <% task(check).result.ok %>\n  archive:\n    action: shop.archive\n";
    const result = compileFile(source, { file, actions });
    const states = result.workflows[0].asl?.States as Record<string, Record<string, any>>;

    expect(result.diagnostics).toStrictEqual([]);
    expect(states.check.Assign).toStrictEqual({ status: '{% $states.result.Payload.status %}' });
    expect(states['check.on-success'].Choices[0].Condition).toBe('{% $states.input.Payload.ok %}');
  });
});
