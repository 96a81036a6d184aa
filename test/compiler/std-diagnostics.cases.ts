import type { DiagnosticCase } from './diagnostics.cases';

/** One workflow per diagnostic of the standard actions (SRC22xx). */

const header = "version: '2.0'\nname: case\ntasks:\n";

export const stdDiagnosticCases: DiagnosticCase[] = [
  {
    code: 'SRC2201',
    title: 'unknown std.echo parameter',
    source: `${header}  a:\n    action: std.echo\n    input:\n      output: 1\n      delay: 2\n`,
    line: 5,
    column: 13,
    message: "Unknown parameter 'delay' of action 'std.echo': use 'output'",
  },
  {
    code: 'SRC2202',
    title: 'std.sleep without seconds',
    source: `${header}  a:\n    action: std.sleep\n`,
    line: 5,
    column: 13,
    message: "Missing parameter 'seconds' of action 'std.sleep'",
  },
  {
    code: 'SRC2203',
    title: 'std.http with an ftp URL',
    source: `${header}  a:\n    action: std.http\n    input:\n      url: ftp://files.example.com/a\n`,
    line: 5,
    column: 13,
    message: "Invalid value of parameter 'url' of action 'std.http': write an http:// or https:// URL",
  },
  {
    code: 'SRC2204',
    title: 'std.email with an SMTP server',
    source: `${header}  a:\n    action: std.email\n    input:\n      from_addr: ops@example.com\n      to_addrs: [team@example.com]\n      subject: Done\n      body: All done.\n      smtp_server: smtp.example.com\n`,
    line: 5,
    column: 13,
    message: "Parameter 'smtp_server' of action 'std.email' is ignored because Amazon SES sends the message",
  },
  {
    code: 'SRC2205',
    title: 'std.fail with on-error',
    source: `${header}  a:\n    action: std.fail\n    on-error:\n      - b\n  b:\n    action: std.noop\n`,
    line: 6,
    column: 5,
    message: "Task 'a' runs std.fail, which compiles to a Fail state that no 'on-error' can catch",
  },
  {
    code: 'SRC2206',
    title: 'std.noop with on-error',
    source: `${header}  a:\n    action: std.noop\n    on-error:\n      - b\n  b:\n    action: std.noop\n`,
    line: 6,
    column: 5,
    message: "The 'on-error' of task 'a' never runs, because std.noop compiles to a Pass state that cannot fail",
  },
  {
    code: 'SRC2207',
    title: 'std.fail with on-success',
    source: `${header}  a:\n    action: std.fail\n    on-success:\n      - b\n  b:\n    action: std.noop\n`,
    line: 6,
    column: 5,
    message: "The 'on-success' of task 'a' never runs, because std.fail always fails",
  },
  {
    code: 'SRC2208',
    title: 'std.sleep with a timeout',
    source: `${header}  a:\n    action: std.sleep\n    input:\n      seconds: 5\n    timeout: 10\n`,
    line: 5,
    column: 13,
    message: "'timeout' has no effect on task 'a', because std.sleep compiles to a Wait state",
  },
  {
    code: 'SRC2209',
    title: 'std.sms input as one value',
    source: `${header}  a:\n    action: std.sms\n    input: <% $message %>\n`,
    line: 5,
    column: 13,
    message: "The input of action 'std.sms' must be a mapping of its parameters ('to', 'message')",
  },
];
