import * as fs from 'node:fs';
import * as path from 'node:path';

import { compileWorkflow } from '../../lib/compiler';
import type { StateMachineDefinition } from '../../lib/compiler';
import { escapeLabel, mermaidNodeIds, toMermaid, type AslStates } from '../../lib/web/mermaid';

const ROOT = path.join(__dirname, '..', '..');

function compiledSalary(): StateMachineDefinition {
  const source = fs.readFileSync(path.join(ROOT, 'workflows', 'salary.yaml'), 'utf8');
  const result = compileWorkflow(source, { file: 'workflows/salary.yaml' });
  if (!result.asl) {
    throw new Error(`salary.yaml did not compile: ${result.diagnostics.map((d) => d.message).join(' ')}`);
  }
  return result.asl;
}

function edgesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.includes('-->') || line.includes('-.->')).map((line) => line.trim());
}

describe('toMermaid on the compiled salary workflow', () => {
  const asl = compiledSalary();
  const ids = mermaidNodeIds(asl);
  const text = toMermaid(asl);

  test('starts with a flowchart header', () => {
    expect(text.split('\n')[0]).toBe('flowchart TD');
  });

  test('declares a node for every task', () => {
    for (const task of ['salary_base', 'bonus', 'approve_bonus', 'record_payroll', 'record_payroll_without_bonus']) {
      expect(ids[task]).toMatch(/^s\d+$/);
      expect(text).toContain(`${ids[task]}["${task}"]`);
    }
  });

  test('forks the two start tasks and joins them', () => {
    const edges = edgesOf(text);
    const fork = ids.join_approve_bonus;
    const join = edges.find((edge) => edge.startsWith(`${ids.salary_base} -->`))?.split(' ').pop();

    expect(edges).toContain(`${fork} --> ${ids.salary_base}`);
    expect(edges).toContain(`${fork} --> ${ids.bonus}`);
    expect(edges).toContain(`${ids.bonus} --> ${join}`);
    expect(edges).toContain(`${join} --> ${ids.approve_bonus}`);
  });

  test('labels the Choice edges with their conditions', () => {
    const edges = edgesOf(text);
    const choice = ids['approve_bonus.on-success'];

    expect(text).toContain(`${choice}{"approve_bonus.on-success"}`);
    expect(edges).toContain(`${choice} -->|"$approved"| ${ids.record_payroll}`);
    expect(edges).toContain(`${choice} -->|"otherwise"| ${ids.record_payroll_without_bonus}`);
  });

  test('links the start and the end states', () => {
    const edges = edgesOf(text);

    expect(edges).toContain(`begin --> ${ids.input}`);
    expect(edges).toContain(`${ids.record_payroll} --> finish`);
    expect(edges).toContain(`${ids.record_payroll_without_bonus} --> finish`);
  });

  test('never uses the reserved id end', () => {
    expect(text).not.toMatch(/(^|\s)end(\s|\(|$)/m);
  });
});

describe('toMermaid with statuses', () => {
  const asl = compiledSalary();
  const ids = mermaidNodeIds(asl);

  test('assigns one class per status', () => {
    const text = toMermaid(asl, {
      statuses: { salary_base: 'done', bonus: 'done', approve_bonus: 'running', record_payroll: 'notReached' },
    });

    expect(text).toContain(`class ${ids.salary_base},${ids.bonus} done`);
    expect(text).toContain(`class ${ids.approve_bonus} running`);
    expect(text).toContain(`class ${ids.record_payroll} notReached`);
    expect(text).toMatch(/classDef failed fill:/);
  });

  test('ignores states the machine does not have', () => {
    const text = toMermaid(asl, { statuses: { missing_task: 'failed' } });

    expect(text).not.toMatch(/^\s*class \S+ failed$/m);
  });

  test('draws non-task states as helpers', () => {
    const text = toMermaid(asl, { tasks: ['salary_base', 'bonus', 'approve_bonus', 'record_payroll', 'record_payroll_without_bonus'] });

    expect(text).toContain(`class ${ids.input} helper`);
    expect(text).not.toContain(`class ${ids.salary_base} helper`);
  });

  test('leaves a copy without its own status uncoloured', () => {
    const copied: AslStates = {
      StartAt: 'split',
      States: {
        split: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'tally', States: { tally: { Type: 'Task', End: true } } },
            { StartAt: 'tally.2', States: { 'tally.2': { Type: 'Task', End: true } } },
          ],
          End: true,
        },
      },
    };
    const copyIds = mermaidNodeIds(copied);
    const stateTasks = { 'tally.2': 'tally' };

    for (const status of ['done', 'running', 'failed'] as const) {
      const text = toMermaid(copied, { statuses: { tally: status }, tasks: ['split', 'tally'], stateTasks });

      expect(text).toContain(`class ${copyIds.tally} ${status}`);
      expect(text).not.toMatch(new RegExp(`class (\\S+,)?${copyIds['tally.2']}(,\\S+)? \\w+`));
    }
  });

  test('greys a copy whose task is not reached', () => {
    const copied: AslStates = {
      StartAt: 'tally',
      States: { tally: { Type: 'Task', Next: 'tally.2' }, 'tally.2': { Type: 'Task', End: true } },
    };
    const copyIds = mermaidNodeIds(copied);

    const text = toMermaid(copied, { statuses: { tally: 'notReached' }, stateTasks: { 'tally.2': 'tally' } });

    expect(text).toContain(`class ${copyIds.tally},${copyIds['tally.2']} notReached`);
  });

  test('colours a copy by its own status', () => {
    const copied: AslStates = {
      StartAt: 'tally',
      States: { tally: { Type: 'Task', Next: 'tally.2' }, 'tally.2': { Type: 'Task', End: true } },
    };
    const copyIds = mermaidNodeIds(copied);

    const text = toMermaid(copied, { statuses: { tally: 'done', 'tally.2': 'failed' }, stateTasks: { 'tally.2': 'tally' } });

    expect(text).toContain(`class ${copyIds['tally.2']} failed`);
  });

  test('uses the requested direction', () => {
    expect(toMermaid(asl, { direction: 'LR' }).split('\n')[0]).toBe('flowchart LR');
  });
});

describe('toMermaid on other state types', () => {
  const definition: AslStates = {
    StartAt: 'load "all"',
    States: {
      'load "all"': {
        Type: 'Task',
        Next: 'each',
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'give up' }],
      },
      each: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'pay', States: { pay: { Type: 'Task', End: true } } },
        Next: 'done',
      },
      done: { Type: 'Succeed' },
      'give up': { Type: 'Fail' },
    },
  };
  const ids = mermaidNodeIds(definition);
  const text = toMermaid(definition);

  test('keeps brackets, quotes and & in condition labels', () => {
    const choice: AslStates = {
      StartAt: 'route',
      States: {
        route: {
          Type: 'Choice',
          Choices: [{ Condition: `{% $n < 3 and ($m > "a") & 'b' %}`, Next: 'done' }],
          Default: 'done',
        },
        done: { Type: 'Succeed' },
      },
    };
    const choiceIds = mermaidNodeIds(choice);

    expect(edgesOf(toMermaid(choice))).toContain(`${choiceIds.route} -->|"$n < 3 and ($m > ＂a＂) & 'b'"| ${choiceIds.done}`);
  });

  test('draws a Catch edge dotted with its errors', () => {
    expect(edgesOf(text)).toContain(`${ids['load "all"']} -.->|"States.ALL"| ${ids['give up']}`);
  });

  test('runs the Map item processor between fork and join', () => {
    const edges = edgesOf(text);
    const join = edges.find((edge) => edge.startsWith(`${ids.pay} -->`))?.split(' ').pop();

    expect(edges).toContain(`${ids.each} -->|"each item of each"| ${ids.pay}`);
    expect(edges).toContain(`${join} --> ${ids.done}`);
  });

  test('escapes quotes in state names', () => {
    expect(text).toContain(`${ids['load "all"']}["load ＂all＂"]`);
  });

  test('ends a Succeed state at the end node', () => {
    expect(edgesOf(text)).toContain(`${ids.done} --> finish`);
  });

  test('leaves a Fail state without outgoing edges', () => {
    expect(edgesOf(text).filter((edge) => edge.startsWith(`${ids['give up']} `))).toEqual([]);
  });
});

describe('escapeLabel', () => {
  test.each([
    ['a|b', 'a|b'],
    ['<% $x %>', '<% $x %>'],
    ['$a < 3 and ($b > 2)', '$a < 3 and ($b > 2)'],
    ['"x" & \'y\'', '＂x＂ & \'y\''],
    ['a<b', 'a<\u200Bb'],
    ['#1', '#1'],
    ['#lt;', '#\u200Blt;'],
    ['line\nbreak', 'line break'],
    ['plain_name', 'plain_name'],
  ])('escapes %s', (input, expected) => {
    expect(escapeLabel(input)).toBe(expected);
  });
});
