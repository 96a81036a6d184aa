import { reverseTargetDiagnosticCases } from '../diagnostics/reverse-target.cases';
import { stdDiagnosticCases } from './std-diagnostics.cases';
import { taskResultDiagnosticCases } from './task-result-diagnostics.cases';
import { triggersDiagnosticCases } from './triggers-diagnostics.cases';

/**
 * One workflow per diagnostic code, with the one-based line and column
 * where the diagnostic must start.
 */
export interface DiagnosticCase {
  code: string;
  title: string;
  source: string;
  line: number;
  column: number;
  /** A fragment that the message must contain. */
  message: string;
}

const header = "version: '2.0'\nname: case\n";

export const diagnosticCases: DiagnosticCase[] = [
  {
    code: 'SRC1001',
    title: 'YAML syntax error',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    input: [1, 2\n`,
    line: 7,
    column: 1,
    message: 'Invalid YAML',
  },
  {
    code: 'SRC1002',
    title: 'document is not a mapping',
    source: '- just\n- a list\n',
    line: 1,
    column: 1,
    message: 'must contain a YAML mapping',
  },
  {
    code: 'SRC1003',
    title: 'unsupported version',
    source: "version: 2.0\nname: case\ntasks:\n  a:\n    action: shop.check\n",
    line: 1,
    column: 10,
    message: "Unsupported version '2'",
  },
  {
    code: 'SRC1004',
    title: 'unknown key with a suggestion',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    pubish:\n      x: 1\n`,
    line: 6,
    column: 5,
    message: "Unknown key 'pubish': did you mean 'publish'?",
  },
  {
    code: 'SRC1005',
    title: 'missing tasks',
    source: "version: '2.0'\nname: case\n",
    line: 1,
    column: 1,
    message: "Missing required key 'tasks' at the top level",
  },
  {
    code: 'SRC1005',
    title: 'missing action',
    source: `${header}tasks:\n  a:\n    input: {}\n`,
    line: 4,
    column: 3,
    message: "Missing required key 'action' in task 'a'",
  },
  {
    code: 'SRC1006',
    title: 'invalid timeout',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    timeout: soon\n`,
    line: 6,
    column: 14,
    message: "Invalid value at 'tasks.a.timeout': expected a whole number from 1 to 31536000, not 'soon'. Task timeout in seconds.",
  },
  {
    code: 'SRC1007',
    title: 'Mistral key not supported yet',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    safe-rerun: true\n`,
    line: 6,
    column: 5,
    message: "Mistral key 'safe-rerun' is not supported yet",
  },
  {
    code: 'SRC1008',
    title: 'duplicate key',
    source: `${header}tasks:\n  a:\n    action: shop.check\n  a:\n    action: shop.check\n`,
    line: 6,
    column: 3,
    message: "Duplicate key 'a'",
  },
  {
    code: 'SRC1009',
    title: 'invalid task name',
    source: `${header}tasks:\n  a.b:\n    action: shop.check\n`,
    line: 4,
    column: 3,
    message: "Invalid task name 'a.b'",
  },
  {
    code: 'SRC1010',
    title: 'unquoted Jinja value read as a mapping',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    input:\n      month: {{ _.month }}\n`,
    line: 7,
    column: 14,
    message: `YAML reads '{{ _.month }}' as a mapping whose key is a mapping, which a workflow cannot contain: quote it, as in month: "{{ _.month }}".`,
  },
  {
    code: 'SRC1011',
    title: 'unquoted expression with a colon',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    input:\n      size: <% $x ? 'big' : 'small' %>\n`,
    line: 7,
    column: 13,
    message: `quote the whole value, as in size: "<% $x ? 'big' : 'small' %>".`,
  },
  {
    code: 'SRC1101',
    title: 'unknown transition target',
    source: `${header}tasks:\n  check:\n    action: shop.check\n    on-success: archve\n  archive:\n    action: shop.archive\n`,
    line: 6,
    column: 17,
    message: "Transition target 'archve' is not a task of this workflow: did you mean 'archive'?",
  },
  {
    code: 'SRC1102',
    title: 'unreachable task',
    source: `${header}tasks:\n  a:\n    action: shop.check\n  b:\n    action: shop.check\n    on-success: c\n  c:\n    action: shop.check\n    on-success: b\n`,
    line: 6,
    column: 3,
    message: "Task 'b' is unreachable",
  },
  {
    code: 'SRC1103',
    title: 'succeed in a branch that reaches no join',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: succeed\n  c:\n    action: shop.check\n`,
    line: 9,
    column: 17,
    message: "In the fork at 'a', 'succeed' after task 'b' would end only its branch in Step Functions",
  },
  {
    code: 'SRC1104',
    title: 'join that no fork opens',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    on-success: b\n  b:\n    join: all\n    action: shop.check\n`,
    line: 4,
    column: 3,
    message: "Task 'b' has 'join: all' but the transition 'a' → 'b' does not come from a branch of a fork",
  },
  {
    code: 'SRC1105',
    title: 'branches reaching different joins',
    source:
      `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: j1\n` +
      `  c:\n    action: shop.check\n    on-success: j2\n  j1:\n    join: all\n    action: shop.check\n  j2:\n    join: all\n    action: shop.check\n`,
    line: 4,
    column: 3,
    message: "'b' reaches 'j1', 'c' reaches 'j2'",
  },
  {
    code: 'SRC1106',
    title: 'loop back to the task that opened the fork',
    source:
      `${header}tasks:\n  s:\n    action: shop.check\n    on-success: a\n  a:\n    action: shop.check\n    on-success: [b, c]\n` +
      `  b:\n    action: shop.check\n    on-success: a\n  c:\n    action: shop.check\n`,
    line: 7,
    column: 3,
    message: "The transition to 'a' needs a copy of task 'a' in another fork branch",
  },
  {
    code: 'SRC1107',
    title: 'no start task',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    on-success: b\n  b:\n    action: shop.check\n    on-success: a\n`,
    line: 4,
    column: 3,
    message: 'The workflow has no start task',
  },
  {
    code: 'SRC1108',
    title: 'unknown action',
    source: `${header}tasks:\n  a:\n    action: shop.chek\n`,
    line: 5,
    column: 13,
    message: "Unknown action 'shop.chek': create lambdas/actions/shop/chek.ts exporting 'handler', or did you mean 'shop.check'?",
  },
  {
    code: 'SRC1109',
    title: 'guarded and unguarded targets mixed',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    on-success:\n      - b: <% true %>\n      - c\n  b:\n    action: shop.check\n  c:\n    action: shop.check\n`,
    line: 6,
    column: 5,
    message: "Transition 'on-success' of task 'a' mixes targets with and without guards",
  },
  {
    code: 'SRC1110',
    title: 'guards that may overlap',
    source:
      `${header}input: [n]\ntasks:\n  a:\n    action: shop.check\n    on-success:\n      - b: <% $n > 1 %>\n      - c: <% $n > 2 %>\n` +
      `  b:\n    action: shop.check\n  c:\n    action: shop.check\n`,
    line: 7,
    column: 5,
    message: 'may match together',
  },
  {
    code: 'SRC1111',
    title: 'branch ending with succeed',
    source:
      `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: succeed\n` +
      `    on-error: j\n  c:\n    action: shop.check\n    on-success: j\n  j:\n    join: all\n    action: shop.check\n`,
    line: 9,
    column: 17,
    message: "'succeed' after task 'b' ends the branch without reaching the join",
  },
  {
    code: 'SRC1112',
    title: 'join closing two forks',
    source:
      `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n    on-error: [d, e]\n  b:\n    action: shop.check\n    on-success: j\n` +
      `  c:\n    action: shop.check\n    on-success: j\n  d:\n    action: shop.check\n    on-success: j\n  e:\n    action: shop.check\n    on-success: j\n` +
      `  j:\n    join: all\n    action: shop.check\n`,
    line: 14,
    column: 3,
    message: "Task 'j' closes the fork at 'a' and is reached again by the transition 'd' → 'j'",
  },
  {
    code: 'SRC1113',
    title: 'join count above the branches',
    source:
      `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: j\n` +
      `  c:\n    action: shop.check\n    on-success: j\n  j:\n    join: 3\n    action: shop.check\n`,
    line: 14,
    column: 11,
    message: "'join: 3' of task 'j' waits for more branches than the 2 of its fork",
  },
  {
    code: 'SRC1115',
    title: 'join on a start task',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    join: all\n`,
    line: 6,
    column: 5,
    message: "Task 'a' has 'join: all', but no transition reaches it, so the join has no effect.",
  },
  {
    code: 'SRC1114',
    title: 'branch going straight to the join',
    source:
      `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, j]\n  b:\n    action: shop.check\n    on-success: j\n` +
      `  j:\n    join: all\n    action: shop.check\n`,
    line: 10,
    column: 3,
    message: "goes straight to its join 'j'",
  },
  {
    code: 'SRC1201',
    title: 'JSONata syntax error',
    source: `${header}input: [n]\ntasks:\n  a:\n    action: shop.check\n    input:\n      total: <% $n + %>\n`,
    line: 8,
    column: 21,
    message: "Invalid JSONata expression: Unexpected end of expression in '$n +'",
  },
  {
    code: 'SRC1202',
    title: 'undefined variable',
    source: `${header}input: [n]\ntasks:\n  a:\n    action: shop.check\n    input:\n      total: <% $n + $m %>\n`,
    line: 8,
    column: 22,
    message: "Variable '$m' is not defined on every path to this point in task 'a'",
  },
  {
    code: 'SRC1202',
    title: 'variable published on one path only',
    source:
      `${header}input: [n]\ntasks:\n  a:\n    action: shop.check\n    on-success:\n      - b: <% $n > 1 %>\n      - c: <% $not($n > 1) %>\n` +
      `  b:\n    action: shop.check\n    publish:\n      x: 1\n    on-success: d\n  c:\n    action: shop.check\n    on-success: d\n` +
      `  d:\n    action: shop.check\n    input:\n      x: <% $x %>\n`,
    line: 21,
    column: 13,
    message: "Variable '$x' is not defined on every path to this point in task 'd'",
  },
  {
    code: 'SRC1203',
    title: 'branch publish shadowing an input',
    source:
      `${header}input: [n]\ntasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    publish:\n      n: 1\n    on-success: j\n` +
      `  c:\n    action: shop.check\n    on-success: j\n  j:\n    join: all\n    action: shop.check\n`,
    line: 11,
    column: 7,
    message: "Task 'b' publishes 'n', which is a workflow input or var",
  },
  {
    code: 'SRC1203',
    title: 'same name published in sibling branches',
    source:
      `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    publish:\n      x: 1\n    on-success: j\n` +
      `  c:\n    action: shop.check\n    publish:\n      x: 2\n    on-success: j\n  j:\n    join: all\n    action: shop.check\n`,
    line: 15,
    column: 7,
    message: "Task 'c' publishes 'x', which is also published in the sibling branch starting at 'b'",
  },
  {
    code: 'SRC1204',
    title: 'unclosed expression',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    input:\n      x: total <% 1 + 2\n`,
    line: 7,
    column: 16,
    message: "Expression opened with '<%' is not closed",
  },
  {
    code: 'SRC1205',
    title: '$result in a task input',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    input:\n      x: <% $result.x %>\n`,
    line: 7,
    column: 13,
    message: "'$result' is only defined in publish",
  },
  {
    code: 'SRC1901',
    title: 'state name over 80 characters',
    source: `${header}tasks:\n  ${'t'.repeat(81)}:\n    action: shop.check\n`,
    line: 4,
    column: 3,
    message: 'over the Step Functions limit of 80',
  },
  {
    code: 'SRC1902',
    title: 'generated state name used twice',
    source:
      `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: j\n` +
      `  c:\n    action: shop.check\n    on-success: j\n  j:\n    join: all\n    action: shop.check\n    on-success: join_j\n` +
      `  join_j:\n    action: shop.check\n`,
    line: 17,
    column: 3,
    message: "State name 'join_j' is generated twice",
  },
  {
    code: 'SRC1206',
    title: 'Mistral function without a JSONata form',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    input:\n      x: <% task('b').state %>\n`,
    line: 7,
    column: 13,
    message: "Mistral function 'task()' has no JSONata form",
  },
  {
    code: 'SRC2001',
    title: 'with-items entry without in',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    with-items: <% $xs %>\n`,
    line: 6,
    column: 17,
    message: "Invalid with-items entry '<% $xs %>'",
  },
  {
    code: 'SRC2002',
    title: 'with-items variable twice',
    source: `${header}input: [xs]\ntasks:\n  a:\n    action: shop.check\n    with-items:\n      - x in <% $xs %>\n      - x in <% $xs %>\n`,
    line: 9,
    column: 9,
    message: "The with-items variable 'x' is declared twice",
  },
  {
    code: 'SRC2003',
    title: 'concurrency without with-items',
    source: `${header}tasks:\n  a:\n    action: shop.check\n    concurrency: 2\n`,
    line: 6,
    column: 5,
    message: "Task 'a' sets 'concurrency' without 'with-items'",
  },
  {
    code: 'SRC2010',
    title: 'join one tolerates failures',
    source:
      `${header}tasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: j\n` +
      `  c:\n    action: shop.check\n    on-success: j\n  j:\n    join: one\n    action: shop.check\n`,
    line: 14,
    column: 11,
    message: "the join continues when at least 1 of the 2 branches succeed",
  },
  {
    code: 'SRC2101',
    title: 'file without a workflow',
    source: "version: '2.0'\ndescription: nothing here\n",
    line: 1,
    column: 1,
    message: 'The file contains no workflow',
  },
  {
    code: 'SRC2102',
    title: 'workflow that is not a mapping',
    source: "version: '2.0'\nfirst: [a, b]\n",
    line: 2,
    column: 1,
    message: "'first' must be a workflow mapping with tasks",
  },
  {
    code: 'SRC2103',
    title: 'workflow name invalid for Step Functions',
    source: "version: '2.0'\nfirst.flow:\n  tasks:\n    a:\n      action: shop.check\n",
    line: 2,
    column: 1,
    message: "Workflow name 'first.flow' is not a valid state machine name",
  },
  {
    code: 'SRC2104',
    title: 'unknown workbook key',
    source: "version: '2.0'\nname: book\nflows: {}\nworkflows:\n  first:\n    tasks:\n      a:\n        action: shop.check\n",
    line: 3,
    column: 1,
    message: "Unknown workbook key 'flows'",
  },
  {
    code: 'SRC2105',
    title: 'workbook without a name',
    source: "version: '2.0'\nworkflows:\n  first:\n    tasks:\n      a:\n        action: shop.check\n",
    line: 1,
    column: 1,
    message: "The workbook has no 'name' string",
  },
  {
    code: 'SRC2107',
    title: 'unknown ad-hoc input',
    source: "version: '2.0'\nname: book\nactions:\n  tell:\n    base: shop.check\n    base-input:\n      text: <% $.words %>\n    input: [words]\nworkflows:\n  w:\n    tasks:\n      a:\n        action: tell words=hi colour=red\n",
    line: 13,
    column: 17,
    message: "Ad-hoc action 'tell' has no input 'colour': its inputs are words",
  },
  {
    code: 'SRC2108',
    title: 'missing ad-hoc input',
    source: "version: '2.0'\nname: book\nactions:\n  tell:\n    base: shop.check\n    base-input:\n      text: <% $.words %>\n    input: [words]\nworkflows:\n  w:\n    tasks:\n      a:\n        action: tell\n",
    line: 13,
    column: 17,
    message: "Task 'a' calls ad-hoc action 'tell' without its input 'words'",
  },
  {
    code: 'SRC2109',
    title: 'ad-hoc input not a mapping',
    source: "version: '2.0'\nname: book\nactions:\n  tell:\n    base: shop.check\n    base-input:\n      text: <% $.words %>\n    input: [words]\nworkflows:\n  w:\n    tasks:\n      a:\n        action: tell\n        input: <% 1 %>\n",
    line: 13,
    column: 17,
    message: "Task 'a' calls ad-hoc action 'tell' with an input that is not a mapping",
  },
  {
    code: 'SRC2111',
    title: 'invalid ad-hoc action',
    source: "version: '2.0'\ngreet:\n  base: shop.check\n  colour: red\n",
    line: 2,
    column: 1,
    message: "Invalid ad-hoc action 'greet': unknown key 'colour'",
  },
  {
    code: 'SRC2112',
    title: 'ad-hoc action based on itself',
    source: "version: '2.0'\nname: book\nactions:\n  tell:\n    base: shout\n  shout:\n    base: tell\nworkflows:\n  w:\n    tasks:\n      a:\n        action: shop.check\n",
    line: 5,
    column: 11,
    message: "Ad-hoc action 'tell' is its own base through the chain 'tell' -> 'shout' -> 'tell', so it never reaches an action to call",
  },
  {
    code: 'SRC2113',
    title: 'ad-hoc base without its input',
    source:
      "version: '2.0'\nname: book\nactions:\n  tell:\n    base: shop.check\n    base-input:\n      text: <% $.words %>\n    input: [words]\n" +
      "  shout:\n    base: tell\nworkflows:\n  w:\n    tasks:\n      a:\n        action: shout\n",
    line: 10,
    column: 11,
    message: "Ad-hoc action 'shout' is based on ad-hoc action 'tell' without its input 'words': add 'words' to the 'base-input' of 'shout' or give it a default in 'tell'.",
  },
  ...reverseTargetDiagnosticCases,
  ...stdDiagnosticCases,
  ...taskResultDiagnosticCases,
  ...triggersDiagnosticCases,
  {
    code: 'SRC2110',
    title: 'YAQL form without a safe translation',
    source: `${header}input: [orders]\ntasks:\n  a:\n    action: shop.check\n    input:\n      big: <% $.orders.where($.total > 100) %>\n`,
    line: 8,
    column: 24,
    message: "'where()' has no safe JSONata translation: write a JSONata filter",
  },
  {
    code: 'SRC2120',
    title: 'invalid inline action parameter',
    source: `${header}tasks:\n  a:\n    action: shop.check level=\n`,
    line: 5,
    column: 30,
    message: "Invalid inline parameter of action 'shop.check': the parameter has no value",
  },
  {
    code: 'SRC2121',
    title: 'inline parameters with an input expression',
    source: `${header}input: [all]\ntasks:\n  a:\n    action: shop.check level=2\n    input: <% $all %>\n`,
    line: 7,
    column: 5,
    message: "Task 'a' has inline action parameters and an 'input' that is not a mapping",
  },
  {
    code: 'SRC2131',
    title: 'requires in a direct workflow',
    source: `${header}tasks:\n  a:\n    action: shop.check\n  b:\n    action: shop.check\n    requires: a\n`,
    line: 8,
    column: 5,
    message: "Task 'b' has 'requires', which only a reverse workflow reads",
  },
  {
    code: 'SRC2132',
    title: 'transition in a reverse workflow',
    source: `${header}type: reverse\ntasks:\n  a:\n    action: shop.check\n    on-success: b\n  b:\n    action: shop.check\n`,
    line: 5,
    column: 3,
    message: "Task 'a' of a reverse workflow has transitions",
  },
  {
    code: 'SRC2133',
    title: 'unknown requirement',
    source: `${header}type: reverse\ntasks:\n  a:\n    action: shop.check\n    requires: [audit]\n`,
    line: 7,
    column: 5,
    message: "Task 'a' requires 'audit', which is not a task of this workflow: remove it from 'requires', or add a task 'audit'.",
  },
  {
    code: 'SRC2133',
    title: 'misspelt requirement',
    source: `${header}type: reverse\ntasks:\n  pack:\n    action: shop.check\n  ship:\n    action: shop.check\n    requires: [pakc]\n`,
    line: 9,
    column: 5,
    message: "Task 'ship' requires 'pakc', which is not a task of this workflow: did you mean 'pack'? Correct the name in 'requires', or remove it.",
  },
  {
    code: 'SRC2134',
    title: 'requirement cycle',
    source: `${header}type: reverse\ntasks:\n  a:\n    action: shop.check\n    requires: b\n  b:\n    action: shop.check\n    requires: c\n  c:\n    action: shop.check\n    requires: a\n`,
    line: 7,
    column: 5,
    message: "form a cycle, so none of its tasks can run first: 'a' requires 'b', 'b' requires 'c' and 'c' requires 'a'. Remove one requirement of the cycle.",
  },
  {
    code: 'SRC2134',
    title: 'task that requires itself',
    source: `${header}type: reverse\ntasks:\n  a:\n    action: shop.check\n  b:\n    action: shop.check\n    requires: [a, b]\n`,
    line: 9,
    column: 5,
    message: "none of its tasks can run first: 'b' requires 'b'.",
  },
  {
    code: 'SRC2140',
    title: 'output-on-error only on fail commands',
    source: `${header}input: [x]\noutput-on-error:\n  x: <% $x %>\ntasks:\n  a:\n    action: shop.check\n    on-error: fail\n`,
    line: 4,
    column: 1,
    message: "'output-on-error' is returned only where a fail command ends the workflow",
  },
];
