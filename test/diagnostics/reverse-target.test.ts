import { compileFile, compileWorkflow } from '../../lib/compiler';
import { formatDiagnostic } from '../../lib/diagnostics/format';
import { reverseTargetDiagnosticCases } from './reverse-target.cases';

const file = 'workflows/case.yaml';
const actions = ['shop.check'];

describe('reverse target diagnostics', () => {
  it.each(reverseTargetDiagnosticCases.map((c) => [c.code, c.title, c] as const))('%s %s', (code, _title, testCase) => {
    const result = compileFile(testCase.source, { file, actions });
    const diagnostic = result.diagnostics.find((d) => d.code === code);
    if (diagnostic === undefined) throw new Error(`${code} was not reported: ${result.diagnostics.map((d) => d.code).join(', ')}`);

    const printed = formatDiagnostic(diagnostic).split('\n')[0];

    expect(printed.startsWith(`${file}:${testCase.line}:${testCase.column} `)).toBe(true);
    expect(printed).toContain(` ${code}: `);
    expect(diagnostic.message).toContain(testCase.message);
  });

  it('SRC2130 is an info that keeps the ASL', () => {
    const result = compileWorkflow(reverseTargetDiagnosticCases[0].source, { file, actions });

    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toStrictEqual(['info SRC2130']);
    expect(result.asl).toBeDefined();
  });

  it.each([
    ['unknown target', reverseTargetDiagnosticCases[1].source],
    ['target in a direct workflow', reverseTargetDiagnosticCases[2].source],
  ])('%s leaves out the ASL', (_case, source) => {
    expect(compileWorkflow(source, { file, actions }).asl).toBeUndefined();
  });

  it('target reports no SRC2130', () => {
    const source = "version: '2.0'\nname: case\ntype: reverse\ntarget: b\ntasks:\n  a:\n    action: shop.check\n  b:\n    action: shop.check\n    requires: a\n";

    expect(compileWorkflow(source, { file, actions }).diagnostics).toStrictEqual([]);
  });
});
