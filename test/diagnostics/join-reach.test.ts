import { compileFile } from '../../lib/compiler';

const file = 'workflows/case.yaml';
const actions = ['shop.check'];
const header = "version: '2.0'\nname: case\ntasks:\n";

function compile(tasks: string) {
  return compileFile(`${header}${tasks}`, { file, actions });
}

function joinWarnings(tasks: string) {
  return compile(tasks).diagnostics.filter((diagnostic) => diagnostic.code === 'SRC1115');
}

describe('join without two arrivals', () => {
  it('start task warns at the join key', () => {
    const result = compile('  a:\n    action: shop.check\n    join: one\n');
    const [warning] = result.diagnostics;

    expect(result.diagnostics).toHaveLength(1);
    expect(warning.code).toBe('SRC1115');
    expect(warning.severity).toBe('warning');
    expect(warning.start).toStrictEqual({ line: 6, column: 5 });
    expect(warning.end).toStrictEqual({ line: 6, column: 9 });
    expect(warning.message).toBe(
      "Task 'a' has 'join: one', but no transition reaches it, so the join has no effect. Remove 'join', or route two or more branches of a fork to 'a'.",
    );
    expect(result.workflows[0].asl).toBeDefined();
  });

  it('one branch of a fork warns', () => {
    const tasks =
      '  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: [d]\n' +
      '  c:\n    action: shop.check\n  d:\n    action: shop.check\n    join: all\n';

    const warnings = joinWarnings(tasks);

    expect(warnings).toHaveLength(1);
    expect(warnings[0].start).toStrictEqual({ line: 14, column: 5 });
    expect(warnings[0].message).toContain("only the transition from 'b' reaches it");
    expect(warnings[0].message).toContain("Step Functions waits until every branch of the fork at 'a' ends");
  });

  it('two branches of a fork pass', () => {
    const tasks =
      '  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: [d]\n' +
      '  c:\n    action: shop.check\n    on-success: [d]\n  d:\n    action: shop.check\n    join: all\n';

    expect(compile(tasks).diagnostics).toStrictEqual([]);
  });

  it('transition outside a fork stays an error', () => {
    const result = compile('  a:\n    action: shop.check\n    on-success: [b]\n  b:\n    action: shop.check\n    join: all\n');

    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toStrictEqual(['SRC1104']);
  });

  it('join of the start tasks reports no warning', () => {
    const result = compile('  a:\n    action: shop.check\n  b:\n    action: shop.check\n    join: all\n');

    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).not.toContain('SRC1115');
  });
});
