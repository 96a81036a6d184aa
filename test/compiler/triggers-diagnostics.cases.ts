import type { DiagnosticCase } from './diagnostics.cases';

/** One workflow per diagnostic of the top-level triggers (SRC23xx). */

const header = "version: '2.0'\nname: case\ninput: [employee_id]\ntriggers:\n";
const tasks = 'tasks:\n  a:\n    action: shop.check\n';

export const triggersDiagnosticCases: DiagnosticCase[] = [
  {
    code: 'SRC2301',
    title: 'trigger with a rate in weeks',
    source: `${header}  - name: weekly\n    pattern: rate(1 week)\n    input: {employee_id: E-1}\n${tasks}`,
    line: 6,
    column: 14,
    message: "Invalid pattern 'rate(1 week)' of trigger 'weekly': unit 'week' is not one of minute, minutes, hour, hours, day, days.",
  },
  {
    code: 'SRC2302',
    title: 'trigger with an unknown timezone',
    source: `${header}  - name: nightly\n    pattern: '0 2 * * *'\n    timezone: Mars/Olympus\n    input: {employee_id: E-1}\n${tasks}`,
    line: 7,
    column: 15,
    message: "Unknown timezone 'Mars/Olympus' of trigger 'nightly'",
  },
  {
    code: 'SRC2303',
    title: 'trigger with an undeclared input',
    source: `${header}  - name: nightly\n    pattern: '0 2 * * *'\n    input: {employee_id: E-1, month: 12}\n${tasks}`,
    line: 7,
    column: 31,
    message: "Trigger 'nightly' sets input 'month', which the workflow does not declare",
  },
  {
    code: 'SRC2304',
    title: 'trigger without a required input',
    source: `${header}  - name: nightly\n    pattern: '0 2 * * *'\n${tasks}`,
    line: 5,
    column: 11,
    message: "Trigger 'nightly' does not set input 'employee_id', which has no default",
  },
  {
    code: 'SRC2305',
    title: 'trigger input with an expression',
    source: `${header}  - name: nightly\n    pattern: '0 2 * * *'\n    input: {employee_id: <% $now() %>}\n${tasks}`,
    line: 7,
    column: 13,
    message: "Input 'employee_id' of trigger 'nightly' contains an expression",
  },
  {
    code: 'SRC2306',
    title: 'two triggers with one name',
    source: `${header}  - {name: nightly, pattern: '0 2 * * *', input: {employee_id: E-1}}\n  - {name: nightly, pattern: '0 3 * * *', input: {employee_id: E-2}}\n${tasks}`,
    line: 6,
    column: 12,
    message: "Trigger name 'nightly' is used twice",
  },
  {
    code: 'SRC2307',
    title: 'schedule name over 64 characters',
    source: `${header}  - {name: ${'t'.repeat(60)}, pattern: '0 2 * * *', input: {employee_id: E-1}}\n${tasks}`,
    line: 5,
    column: 12,
    message: `Schedule name 'case-${'t'.repeat(60)}' is 65 characters long, over the EventBridge Scheduler limit of 64`,
  },
];
