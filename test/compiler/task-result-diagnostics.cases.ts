import type { DiagnosticCase } from './diagnostics.cases';

/** Workflows that read task(name).result where it is not defined, with the diagnostic each one gets. */

const header = "version: '2.0'\nname: case\n";

export const taskResultDiagnosticCases: DiagnosticCase[] = [
  {
    code: 'SRC1207',
    title: 'task(name).result of an unknown task',
    source: `${header}tasks:\n  check:\n    action: shop.check\n    on-success: [archive]\n  archive:\n    action: shop.archive\n    input:\n      x: <% task(chek).result %>\n`,
    line: 10,
    column: 13,
    message: "'task(chek).result' reads task 'chek', which is not a task of this workflow: did you mean 'check'?",
  },
  {
    code: 'SRC1207',
    title: 'task(name).result of a name far from every task',
    source: `${header}tasks:\n  check:\n    action: shop.check\n    publish:\n      x: <% task('payment').result %>\n`,
    line: 7,
    column: 13,
    message: "reads task 'payment', which is not a task of this workflow: write the name of a task of this workflow.",
  },
  {
    code: 'SRC1208',
    title: 'task(name).result of two tasks with one variable',
    source: `${header}tasks:\n  get-data:\n    action: shop.check\n    on-success: [get_data]\n  get_data:\n    action: shop.check\n    on-success: [archive]\n  archive:\n    action: shop.archive\n    input:\n      x: <% task('get-data').result %>\n`,
    line: 13,
    column: 13,
    message: "'task(get-data).result' may read task 'get-data' or task 'get_data', whose results would share the variable '__result_get_data'",
  },
  {
    code: 'SRC1209',
    title: 'published name with the reserved prefix',
    source: `${header}tasks:\n  check:\n    action: shop.check\n    publish:\n      __result_check: <% $result %>\n`,
    line: 7,
    column: 7,
    message: "Name '__result_check' is reserved, because names that start with '__result_' keep the task results that task(name).result reads: rename it.",
  },
  {
    code: 'SRC1209',
    title: 'input named __env',
    source: `${header}input:\n  - month\n  - __env\ntasks:\n  check:\n    action: shop.check\n`,
    line: 5,
    column: 5,
    message: "Name '__env' is reserved, because the execution input key '__env' carries the environment that env() reads: rename it.",
  },
  {
    code: 'SRC1202',
    title: 'task(name).result where the task may not have run',
    source:
      `${header}input: [paid]\ntasks:\n  route:\n    action: shop.check\n    on-success:\n      - charge: <% $paid %>\n      - archive: <% not $paid %>\n` +
      `  charge:\n    action: shop.check\n    on-success: [archive]\n  archive:\n    action: shop.archive\n    input:\n      receipt: <% task(charge).result %>\n`,
    line: 16,
    column: 19,
    message: "'task(charge).result' is not defined on every path to this point in task 'archive', because task 'charge' does not succeed on every path that leads here: read its result only after it.",
  },
  {
    code: 'SRC1202',
    title: 'task(name).result in vars',
    source: `${header}vars:\n  early: <% task(check).result %>\ntasks:\n  check:\n    action: shop.check\n`,
    line: 4,
    column: 13,
    message: "'task(check).result' is not defined on every path to this point in vars 'early'",
  },
  {
    code: 'SRC1205',
    title: 'task(name).result of the task in its own input',
    source: `${header}tasks:\n  check:\n    action: shop.check\n    input:\n      x: <% task(check).result %>\n`,
    line: 7,
    column: 13,
    message: "'task(check).result' is only defined inside task 'check' in its publish, in guards and fail messages of its on-success, and in the workflow output when it is the last task. Read it there, or read task(check).result in a task that runs after 'check'.",
  },
  {
    code: 'SRC1207',
    title: 'task(name).result of a task that the target leaves out',
    source: `${header}type: reverse\ntarget: b\ntasks:\n  a:\n    action: shop.check\n  b:\n    action: shop.check\noutput:\n  x: <% task(a).result %>\n`,
    line: 11,
    column: 9,
    message: "'task(a).result' reads task 'a', which the target 'b' leaves out because it does not require it: add 'a' to the 'requires' of 'b' or of a task that it requires, or publish the value in 'a' and read the variable, which is null when the task does not run.",
  },
];
