import { compileWorkflow } from '../../lib/compiler';
import type { CompileResult } from '../../lib/compiler/types';
import { mermaidNodeIds, toMermaid } from '../../lib/web/mermaid';
import { readText } from './helpers';

/**
 * Forks without join and tasks copied into each region that reaches them:
 * state names, metadata and the diagnostics of what still cannot compile.
 */

const header = "version: '2.0'\nname: forks\n";
const file = 'workflows/forks.yaml';

function compile(tasks: string): CompileResult {
  return compileWorkflow(`${header}tasks:\n${tasks}`, { file });
}

function compileCorpus(name: string): CompileResult {
  return compileWorkflow(readText(`test/corpus/${name}.yaml`), { file: `test/corpus/${name}.yaml` });
}

type States = Record<string, Record<string, unknown>>;

/** Returns the state names of each branch of a Parallel state. */
function branchStateNames(states: States, parallel: string): string[][] {
  const branches = states[parallel].Branches as { States: States }[];
  return branches.map((branch) => Object.keys(branch.States));
}

function errorsOf(result: CompileResult): string[] {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.start.line}:${d.start.column} ${d.message}`);
}

const threeArrivals = `  a:
    action: shop.check
    on-success: [b1, b2, b3]
  b1:
    action: shop.check
    on-success: c
  b2:
    action: shop.check
    on-success: c
  b3:
    action: shop.check
    on-success: c
  c:
    action: shop.archive
`;

describe('copied tasks', () => {
  it('names copies in order of arrival', () => {
    const result = compile(threeArrivals);

    expect(errorsOf(result)).toStrictEqual([]);
    expect(branchStateNames(result.asl?.States as States, 'a.on-success.fork')).toStrictEqual([
      ['b1', 'c'],
      ['b2', 'c.2'],
      ['b3', 'c.3'],
    ]);
  });

  it('maps copies to their task in metadata', () => {
    const result = compile(threeArrivals);

    expect(result.metadata?.stateTasks).toStrictEqual({ 'c.2': 'c', 'c.3': 'c' });
    expect(result.metadata?.tasks.map((task) => task.name)).toStrictEqual(['a', 'b1', 'b2', 'b3', 'c']);
  });

  it('names the task in the action event of a copy', () => {
    const states = compile(threeArrivals).asl?.States as States;
    const branch = (states['a.on-success.fork'].Branches as { States: States }[])[2];
    const payload = (branch.States['c.3'].Arguments as { Payload: { task: string } }).Payload;

    expect(payload.task).toBe('c');
  });

  it('leaves stateTasks out without copies', () => {
    const result = compileCorpus('fork-no-join');

    expect(result.metadata).toBeDefined();
    expect(result.metadata).not.toHaveProperty('stateTasks');
  });

  it('places a copy after a join', () => {
    const result = compile(`  a:
    action: shop.check
    on-success: [b, c]
  b:
    action: shop.check
    on-success: j
  c:
    action: shop.check
    on-success: d
  d:
    action: shop.archive
  j:
    join: all
    action: shop.check
    on-success: d
`);
    const states = result.asl?.States as States;

    expect(errorsOf(result)).toStrictEqual([]);
    expect(Object.keys(states)).toStrictEqual(['a', 'join_j', 'j', 'd.2']);
    expect(states.j.Next).toBe('d.2');
    expect(branchStateNames(states, 'join_j')).toStrictEqual([['b'], ['c', 'd']]);
  });

  it('reads a copied partial join by its state', () => {
    const result = compile(`  a:
    action: shop.check
    on-success: [b1, b2]
  b1:
    action: shop.check
    on-success: c
  b2:
    action: shop.check
    on-success: c
  c:
    action: shop.check
    on-success: [d, e]
  d:
    action: shop.check
    on-success: j
  e:
    action: shop.check
    on-success: j
  j:
    join: one
    action: shop.archive
`);
    const states = result.asl?.States as States;
    const branches = states['a.on-success.fork'].Branches as { States: States }[];
    const copy = branches[1].States;

    expect(errorsOf(result)).toStrictEqual([]);
    expect(Object.keys(copy)).toStrictEqual(['b2', 'c.2', 'join_j.2', 'join_j.2.quorum', 'join_j.2.quorum.fail', 'j.2']);
    expect(copy['join_j.2.quorum'].Comment).toBe(`${file}:23`);
    expect(branches[0].States['join_j.quorum'].Comment).toBe(`${file}:23`);
  });

  it('copies into both forks of on-complete', () => {
    const result = compile(`  a:
    action: shop.check
    on-complete: [b, c]
  b:
    action: shop.check
    on-success: d
  c:
    action: shop.check
    on-success: d
  d:
    action: shop.archive
    publish:
      archived: <% $result.archived %>
`);
    const states = result.asl?.States as States;

    expect(errorsOf(result)).toStrictEqual([]);
    expect(branchStateNames(states, 'a.on-success.fork')).toStrictEqual([
      ['b', 'd'],
      ['c', 'd.2'],
    ]);
    expect(branchStateNames(states, 'a.on-error.fork')).toStrictEqual([
      ['b.2', 'd.3'],
      ['c.2', 'd.4'],
    ]);
  });

  it('names a fork of start tasks without join', () => {
    const result = compile(`  a:
    action: shop.check
    publish:
      checked: <% $result.ok %>
  b:
    action: shop.archive
`);
    const states = result.asl?.States as States;

    expect(errorsOf(result)).toStrictEqual([]);
    expect(result.asl?.StartAt).toBe('fork_start');
    expect(states.fork_start.End).toBe(true);
    expect(states.fork_start.Output).toBe('{% ($checked := $states.result[0].checked; {"checked": $checked}) %}');
  });

  it('keeps a loop inside its copy', () => {
    const states = compileCorpus('shared-tail-loop').asl?.States as States;
    const copy = (states['prepare_exports.on-success.fork'].Branches as { States: States }[])[1].States;

    expect(copy['wait_for_export.2'].Next).toBe('poll_export.2');
    expect(copy['poll_export.2.on-success'].Default).toBe('archive_export.2');
  });
});

describe('transitions of the new shapes', () => {
  it.each([
    ['fork-no-join', 7, 7],
    ['fork-shared-task', 10, 10],
    ['shared-tail-loop', 10, 10],
    ['fork-mixed-join', 6, 6],
    ['fork-nested-no-join', 7, 7],
    ['fork-copied-join', 14, 14],
  ])('%s', (name, shortest, longest) => {
    expect(compileCorpus(name).metadata?.transitions).toStrictEqual({ shortest, longest });
  });

  it('counts the shorter branch of a choice in a copy', () => {
    const result = compile(`  a:
    action: shop.check
    on-success: [b, c]
  b:
    action: shop.check
    on-success: d
  c:
    action: shop.check
    on-success: d
  d:
    action: shop.check
    publish:
      ok: <% $result.ok %>
    on-success:
      - e: <% $ok %>
  e:
    action: shop.check
    on-success: f
  f:
    action: shop.archive
`);

    expect(result.metadata?.transitions).toStrictEqual({ shortest: 10, longest: 12 });
  });
});

describe('noop target', () => {
  const withTarget = (target: string) => `  a:
    action: shop.check
    publish:
      ok: <% $result.ok %>
    on-success:
      - b: <% $ok %>
      - ${target}: <% $not($ok) %>
  b:
    action: shop.archive
`;

  it('ends the workflow at top level like succeed', () => {
    const noop = compile(withTarget('noop'));
    const succeed = compile(withTarget('succeed'));

    expect(errorsOf(noop)).toStrictEqual([]);
    expect(noop.asl).toStrictEqual(succeed.asl);
    expect((noop.asl?.States as States)['a.on-success.default.succeed'].Type).toBe('Succeed');
  });

  it('ends only its branch in a fork without join', () => {
    const result = compile(`  s:
    action: shop.check
    on-success: [a, c]
${withTarget('noop')}  c:
    action: shop.check
`);
    const branches = (result.asl?.States as States)['s.on-success.fork'].Branches as { States: States }[];

    expect(errorsOf(result)).toStrictEqual([]);
    expect(branches[0].States['a.on-success.default.noop']).toMatchObject({ Type: 'Pass', End: true });
  });

  it('ends its branch without a transition', () => {
    const result = compile(`  s:
    action: shop.check
    on-success: [a, c]
  a:
    action: shop.check
    on-error: noop
  c:
    action: shop.check
`);
    const branches = (result.asl?.States as States)['s.on-success.fork'].Branches as { States: States }[];

    expect(errorsOf(result)).toStrictEqual([]);
    expect(branches[0].States.a.End).toBe(true);
    expect(branches[0].States['a.on-error.noop']).toMatchObject({ Type: 'Pass', End: true });
  });
});

describe('diagnostics of forks that still cannot compile', () => {
  it('reports a loop through a fork', () => {
    const result = compile(`  s:
    action: shop.check
    on-success: a
  a:
    action: shop.check
    on-success: [b, c]
  b:
    action: shop.check
    publish:
      again: <% $result.again %>
    on-success:
      - a: <% $again %>
      - d: <% $not($again) %>
  c:
    action: shop.check
  d:
    action: shop.archive
`);

    expect(errorsOf(result)).toStrictEqual([
      "SRC1106 7:3 The transition to 'a' needs a copy of task 'a' in another fork branch, because Mistral runs the task once per arrival, but its copy would open the fork at 'a' again inside a branch of that fork, a loop that crosses the fork boundary: keep the loop inside one branch, or close the fork with 'join: all' before looping back.",
    ]);
  });

  it('reports more than 200 copies', () => {
    const branches = Array.from({ length: 202 }, (_, index) => `b${index}`);
    const tasks = branches.map((name) => `  ${name}:\n    action: shop.check\n    on-success: c\n`).join('');
    const result = compile(`  a:\n    action: shop.check\n    on-success: [${branches.join(', ')}]\n${tasks}  c:\n    action: shop.archive\n`);
    const errors = errorsOf(result);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("The transition 'b201' → 'c' needs a copy of task 'c'");
    expect(errors[0]).toContain('more than 200 copies');
  });

  it('reports a joining branch that ends in a fork without join', () => {
    const result = compile(`  a:
    action: shop.check
    on-success: [b, c]
  b:
    action: shop.check
    publish:
      far: <% $result.far %>
    on-success:
      - j: <% $far %>
      - f: <% $not($far) %>
  f:
    action: shop.check
    on-success: [d, e]
  d:
    action: shop.check
  e:
    action: shop.check
  c:
    action: shop.check
    on-success: j
  j:
    join: all
    action: shop.archive
`);

    expect(errorsOf(result)).toStrictEqual([
      "SRC1111 14:3 Inside the fork closed by 'j', the fork at 'f', which no join closes, ends the branch without reaching the join: Step Functions cannot end the workflow from a branch, so route this path to 'j'.",
    ]);
  });

  it('reports pause in a branch that reaches no join', () => {
    const result = compile(`  a:
    action: shop.check
    on-success: [b, c]
  b:
    action: shop.check
    on-success: pause
  c:
    action: shop.check
`);

    expect(errorsOf(result)).toHaveLength(1);
    expect(errorsOf(result)[0]).toContain("SRC1103 9:17 In the fork at 'a', 'pause' after task 'b' would end only its branch");
  });

  it('reports noop in a branch that reaches a join', () => {
    const result = compile(`  a:
    action: shop.check
    on-success: [b, c]
  b:
    action: shop.check
    publish:
      ok: <% $result.ok %>
    on-success:
      - j: <% $ok %>
      - noop: <% $not($ok) %>
  c:
    action: shop.check
    on-success: j
  j:
    join: all
    action: shop.archive
`);

    expect(errorsOf(result)).toHaveLength(1);
    expect(errorsOf(result)[0]).toContain("SRC1111 13:9 Inside the fork closed by 'j', 'noop' after task 'b' ends the branch");
  });

  it('reports a collision of a copy once', () => {
    const result = compileWorkflow(
      `${header}input: [label]\ntasks:\n  a:\n    action: shop.check\n    on-success: [b, c]\n  b:\n    action: shop.check\n    on-success: d\n  c:\n    action: shop.check\n    on-success: d\n  d:\n    action: shop.check\n    publish:\n      label: <% $result.label %>\n`,
      { file },
    );

    expect(errorsOf(result).map((error) => error.split(' ').slice(0, 2).join(' '))).toStrictEqual(['SRC1203 17:7']);
  });

  it('still reports siblings that publish one name from different tasks', () => {
    const result = compile(`  a:
    action: shop.check
    on-success: [b, c]
  b:
    action: shop.check
    publish:
      label: <% $result.label %>
  c:
    action: shop.check
    publish:
      label: <% $result.label %>
`);

    expect(errorsOf(result).map((error) => error.split(' ')[0])).toStrictEqual(['SRC1203']);
  });
});

describe('graph of copied states', () => {
  it('colours a copy by its own status only', () => {
    const result = compileCorpus('fork-shared-task');
    const text = toMermaid(result.asl as never, {
      tasks: result.metadata?.tasks.map((task) => task.name),
      stateTasks: result.metadata?.stateTasks,
      statuses: { label_parcel: 'done', ship_parcel: 'running', 'ship_parcel.2': 'failed' },
    });

    const copyId = mermaidNodeIds(result.asl as never)['label_parcel.2'];
    expect(text).toContain(`${copyId}["label_parcel.2"]`);
    expect(text).not.toContain(`class ${copyId} helper`);
    const classLines = text.split('\n').filter((line) => /^ {2}class s\d+(,s\d+)* (done|running|failed)$/.test(line));
    expect(classLines).toHaveLength(3);
    expect(classLines.find((line) => line.endsWith(' done'))?.split(' ')[3].split(',')).toHaveLength(1);
    expect(classLines.find((line) => line.endsWith(' running'))?.split(' ')[3].split(',')).toHaveLength(1);
    expect(classLines.find((line) => line.endsWith(' failed'))?.split(' ')[3].split(',')).toHaveLength(1);
    // The copy label_parcel.2 has no status of its own, so it stays uncoloured although its task is done.
    expect(classLines.some((line) => line.split(' ')[3].split(',').includes(copyId))).toBe(false);
  });
});
