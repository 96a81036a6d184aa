import type { DiagnosticCase } from '../compiler/diagnostics.cases';

const header = "version: '2.0'\nname: case\n";
const tasks = 'tasks:\n  a:\n    action: shop.check\n  b:\n    action: shop.check\n    requires: a\n';

/** Diagnostics of reverse workflow targets, with the line and column where each starts. */
export const reverseTargetDiagnosticCases: DiagnosticCase[] = [
  {
    code: 'SRC2130',
    title: 'reverse workflow reads task_name',
    source: `${header}type: reverse\n${tasks}`,
    line: 3,
    column: 1,
    message: "Reverse workflow 'case' has no 'target', so the execution input's 'task_name' selects the target at run time",
  },
  {
    code: 'SRC2135',
    title: 'target that is not a task',
    source: `${header}type: reverse\ntarget: c\n${tasks}`,
    line: 4,
    column: 9,
    message: "The target 'c' is not a task of this reverse workflow: set 'target' to one of a, b.",
  },
  {
    code: 'SRC2136',
    title: 'target in a direct workflow',
    source: `${header}target: a\ntasks:\n  a:\n    action: shop.check\n`,
    line: 3,
    column: 1,
    message: "'target' is only read by a reverse workflow",
  },
  {
    code: 'SRC1202',
    title: 'task(name).result of a task that the reader does not require',
    source: `${header}type: reverse\n${tasks}  c:\n    action: shop.check\n    input:\n      x: <% task(a).result %>\n`,
    line: 13,
    column: 13,
    message:
      "'task(a).result' is not defined on every path to this point in task 'c', because the gate 'reverse_gate_a' skips task 'a' for a task_name that does not require it: " +
      "add 'a' to the 'requires' of 'c' or of a task that it requires, or publish the value in 'a' and read the variable, which is null when the task does not run.",
  },
  {
    code: 'SRC1202',
    title: 'task(name).result of a skippable task in the output',
    source: `${header}type: reverse\n${tasks}output:\n  b: <% task(b).result %>\n`,
    line: 11,
    column: 9,
    message: "'task(b).result' is not defined on every path to this point in the workflow output, because the gate 'reverse_gate_b' skips task 'b'",
  },
];
