import { compileFile, compileWorkflow } from '../../lib/compiler';
import { catalog } from '../../lib/diagnostics/catalog';
import { diagnosticCases } from './diagnostics.cases';

const file = 'workflows/case.yaml';
const actions = ['shop.check', 'shop.archive'];

describe('diagnostics', () => {
  it.each(diagnosticCases.map((c) => [c.code, c.title, c] as const))('%s %s', (code, _title, testCase) => {
    const result = compileFile(testCase.source, { file, actions });
    const diagnostic = result.diagnostics.find((d) => d.code === code);

    expect(diagnostic).toBeDefined();
    expect(diagnostic?.file).toBe(file);
    expect(diagnostic?.start).toStrictEqual({ line: testCase.line, column: testCase.column });
    expect(diagnostic?.message).toContain(testCase.message);
    expect(diagnostic?.severity).toBe(Object.values(catalog).find((entry) => entry.code === code)?.severity);
  });

  it('leaves out the ASL when an error is reported', () => {
    const result = compileWorkflow(diagnosticCases[0].source, { file, actions });

    expect(result.asl).toBeUndefined();
    expect(result.metadata).toBeUndefined();
  });

  it('covers every catalog code with a case', () => {
    const covered = new Set([...diagnosticCases.map((c) => c.code), catalog.internalError.code]);
    const codes = Object.values(catalog).map((entry) => entry.code);

    expect(codes.filter((code) => !covered.has(code))).toStrictEqual([]);
  });

  it('catalog codes are unique', () => {
    const codes = Object.values(catalog).map((entry) => entry.code);

    expect(new Set(codes).size).toBe(codes.length);
  });

  it('reports an internal error instead of throwing', () => {
    const brokenActions = 42 as unknown as string[];
    const result = compileWorkflow("version: '2.0'\nname: x\ntasks:\n  a:\n    action: shop.check\n", { file, actions: brokenActions });

    expect(result.asl).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'SRC1999', severity: 'error', start: { line: 1, column: 1 } });
  });

  it.each([
    ['empty file', ''],
    ['a scalar', 'hello'],
    ['null tasks', "version: '2.0'\nname: x\ntasks:\n"],
    ['a task that is a list', "version: '2.0'\nname: x\ntasks:\n  a: [1]\n"],
    ['binary noise', '\u0000\u0001{[}:'],
  ])('never throws on %s', (_name, source) => {
    const result = compileWorkflow(source, { file });

    expect(result.asl).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.code !== 'SRC1999')).toBe(true);
  });
});
