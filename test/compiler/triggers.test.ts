import { compileWorkflow } from '../../lib/compiler';
import { knownActions, readText } from './helpers';

const fixture = 'test/fixtures/triggers/monthly-salary.yaml';

function compileWithTriggers(triggers: string) {
  const source = `version: '2.0'
name: nightly
input:
  - employee_id
  - month: current
triggers:
${triggers}
tasks:
  salary_base:
    action: accounting.salary_base
    input: {employee_id: <% $employee_id %>, month: <% $month %>}
`;
  return compileWorkflow(source, { file: 'nightly.yaml', actions: knownActions });
}

function codesOf(result: ReturnType<typeof compileWorkflow>): string[] {
  return result.diagnostics.map((diagnostic) => diagnostic.code);
}

describe('triggers', () => {
  it('compile into metadata', () => {
    const result = compileWorkflow(readText(fixture), { file: fixture, actions: knownActions });

    expect(result.diagnostics).toStrictEqual([]);
    expect(result.metadata?.triggers).toStrictEqual([
      { name: 'monthly', expression: 'cron(0 6 1 * ? *)', timezone: 'Europe/Paris', input: { employee_id: 'E-001' } },
      { name: 'weekdays', expression: 'cron(30 7 ? * MON-FRI *)', timezone: 'UTC', input: { employee_id: 'E-002', month: '2026-12' } },
      { name: 'polling', expression: 'rate(1 minute)', timezone: 'UTC', input: { employee_id: 'E-003' } },
    ]);
  });

  it('leave the ASL unchanged', () => {
    const withTriggers = compileWorkflow(readText(fixture), { file: fixture, actions: knownActions });
    // Blank lines in place of the triggers keep the source lines, which the state Comments cite.
    const blanked = readText(fixture).replace(/\ntriggers:[\s\S]*?\n\ntasks:/, (block) => block.replace(/[^\n]/g, '') + 'tasks:');
    const withoutTriggers = compileWorkflow(blanked, { file: fixture, actions: knownActions });

    expect(withoutTriggers.metadata?.triggers).toBeUndefined();
    expect(withTriggers.asl).toStrictEqual(withoutTriggers.asl);
  });

  it('report an invalid pattern at its position', () => {
    const result = compileWithTriggers("  - {name: nightly, pattern: '0 25 * * *', input: {employee_id: E-1}}");

    expect(codesOf(result)).toStrictEqual(['SRC2301']);
    expect(result.diagnostics[0].start).toStrictEqual({ line: 7, column: 30 });
    expect(result.diagnostics[0].message).toBe(
      "Invalid pattern '0 25 * * *' of trigger 'nightly': '25' is outside the hours range 0-23. Write a 5-field cron pattern such as '0 2 * * 1-5', or cron(0 2 ? * MON-FRI *), rate(5 minutes) or at(2027-01-31T09:00:00).",
    );
    expect(result.asl).toBeUndefined();
  });

  it('report both day fields restricted', () => {
    const result = compileWithTriggers("  - {name: nightly, pattern: '0 2 1 * 1', input: {employee_id: E-1}}");

    expect(codesOf(result)).toStrictEqual(['SRC2301']);
  });

  it('report an unknown timezone', () => {
    const result = compileWithTriggers("  - {name: nightly, pattern: '0 2 * * *', timezone: Europe/Atlantis, input: {employee_id: E-1}}");

    expect(codesOf(result)).toStrictEqual(['SRC2302']);
    expect(result.diagnostics[0].message).toBe("Unknown timezone 'Europe/Atlantis' of trigger 'nightly': use an IANA timezone name such as 'Europe/Paris' or 'UTC'.");
  });

  it('report an undeclared input', () => {
    const result = compileWithTriggers("  - {name: nightly, pattern: '0 2 * * *', input: {employee_id: E-1, year: 2026}}");

    expect(codesOf(result)).toStrictEqual(['SRC2303']);
    expect(result.diagnostics[0].message).toBe(
      "Trigger 'nightly' sets input 'year', which the workflow does not declare: remove it or declare it in 'input' (declared inputs: 'employee_id', 'month').",
    );
  });

  it('report a missing input without default', () => {
    const result = compileWithTriggers("  - {name: nightly, pattern: '0 2 * * *', input: {month: '2026-12'}}");

    expect(codesOf(result)).toStrictEqual(['SRC2304']);
    expect(result.diagnostics[0].message).toContain("does not set input 'employee_id'");
  });

  it('report a missing input when input is absent', () => {
    const result = compileWithTriggers("  - {name: nightly, pattern: '0 2 * * *'}");

    expect(codesOf(result)).toStrictEqual(['SRC2304']);
  });

  it('report an expression in the input', () => {
    const result = compileWithTriggers("  - {name: nightly, pattern: '0 2 * * *', input: {employee_id: '<% $now() %>'}}");

    expect(codesOf(result)).toStrictEqual(['SRC2305']);
  });

  it('report a duplicate name', () => {
    const result = compileWithTriggers(
      "  - {name: nightly, pattern: '0 2 * * *', input: {employee_id: E-1}}\n  - {name: nightly, pattern: '0 3 * * *', input: {employee_id: E-1}}",
    );

    expect(codesOf(result)).toStrictEqual(['SRC2306']);
  });

  it('report a schedule name over 64 characters', () => {
    const result = compileWithTriggers(`  - {name: ${'n'.repeat(60)}, pattern: '0 2 * * *', input: {employee_id: E-1}}`);

    expect(codesOf(result)).toStrictEqual(['SRC2307']);
  });

  it('report an unknown trigger key through the schema', () => {
    const result = compileWithTriggers("  - {name: nightly, pattern: '0 2 * * *', workflow_input: {employee_id: E-1}}");

    expect(codesOf(result)).toContain('SRC1004');
  });
});
