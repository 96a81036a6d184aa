import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { validateWorkflowInput } from '../../lambdas/control/input-validation';
import { validateRunInput } from '../../lib/cli/run/validate-run-input';
import { compileWorkflow } from '../../lib/compiler';
import { compileCorpusEntry, runCorpusCase } from './harness';
import { readCorpusEntry, type CorpusEntry, type CorpusRuns } from './harness-cases';

/**
 * The target of a reverse workflow: read from the execution input's
 * `task_name` (reverse-task-name.yaml) or fixed by `target` (reverse-target.yaml).
 */

const fromInput = readCorpusEntry('reverse-task-name');
const fromDefinition = readCorpusEntry('reverse-target');
const compiledFromInput = compileCorpusEntry(fromInput);
const compiledFromDefinition = compileCorpusEntry(fromDefinition);

describe('reverse workflow target', () => {
  it('declares task_name as an input with default null', () => {
    const taskName = { name: 'task_name', default: null, allowed: ['ship', 'check', 'pack', 'charge'] };

    expect(compiledFromInput.metadata?.input).toStrictEqual([{ name: 'order_id' }, taskName]);
  });

  it('control API rejects an unknown task_name', () => {
    const inputs = compiledFromInput.metadata?.input ?? [];
    const start = () => validateWorkflowInput('reverse_task_name', inputs, { order_id: 'o-1', task_name: 'deliver' });

    expect(start).toThrow('Input field "task_name" is "deliver", which workflow "reverse_task_name" does not allow: send one of ship, check, pack');
    expect(start).toThrow('or leave it out for the default null.');
  });

  it('control API accepts task_name null', () => {
    const inputs = compiledFromInput.metadata?.input ?? [];

    expect(() => validateWorkflowInput('reverse_task_name', inputs, { order_id: 'o-1', task_name: null })).not.toThrow();
  });

  it('sirocco run rejects an unknown task_name', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sirocco-task-name-'));
    const file = join(folder, 'deliveries.yaml');
    writeFileSync(file, "version: '2.0'\nname: deliveries\ntype: reverse\ntasks:\n  pack:\n    action: std.noop\n  ship:\n    action: std.noop\n    requires: [pack]\n");

    expect(() => validateRunInput(file, join(folder, 'actions'), { task_name: 'deliver' })).toThrow(
      'Input field "task_name" is "deliver", which workflow "deliveries" does not allow: send one of pack, ship',
    );
    expect(() => validateRunInput(file, join(folder, 'actions'), { task_name: 'ship' })).not.toThrow();
  });

  it('control API accepts task_name without target', () => {
    const inputs = compiledFromInput.metadata?.input ?? [];

    expect(() => validateWorkflowInput('reverse_task_name', inputs, { order_id: 'o-1', task_name: 'pack' })).not.toThrow();
  });

  it('control API rejects task_name with target', () => {
    const inputs = compiledFromDefinition.metadata?.input ?? [];

    expect(() => validateWorkflowInput('reverse_target', inputs, { order_id: 'o-1', task_name: 'pack' })).toThrow('Input field "task_name" is unknown');
  });

  it('lists only the tasks of the file', () => {
    const names = compiledFromInput.metadata?.tasks.map((task) => task.name);

    expect(names).toStrictEqual(['check', 'pack', 'charge', 'ship']);
    expect(compiledFromInput.metadata?.actions).toStrictEqual(['payment.charge', 'shop.check', 'shop.ship', 'stock.pack']);
  });

  it('counts the gates in the transitions', () => {
    expect(compiledFromInput.metadata?.transitions).toStrictEqual({ shortest: 9, longest: 10 });
    expect(compiledFromDefinition.metadata?.transitions).toStrictEqual({ shortest: 3, longest: 3 });
  });

  it('unknown task_name names the known tasks', async () => {
    const corpusCase = fromInput.runs.cases.find((c) => c.name === 'unknown task_name fails before any task');
    if (!corpusCase || !compiledFromInput.asl || !compiledFromInput.metadata) throw new Error('reverse-task-name did not compile or lost its unknown task_name case.');

    const outcome = await runCorpusCase(compiledFromInput.asl, compiledFromInput.metadata, fromInput, corpusCase);

    expect(outcome.error).toBe('States.QueryEvaluationError');
    expect(outcome.cause).toContain("Input task_name deliver is not allowed in workflow 'reverse_task_name': set task_name to one of ship, check, pack, charge, or leave it out.");
    expect(outcome.cause).toContain("in field 'Assign.task_name'");
    expect(outcome.cause).not.toContain('$closures');
  });

  describe('last level of several tasks', () => {
    const source =
      "version: '2.0'\nname: leaves\ntype: reverse\ntasks:\n  a:\n    action: shop.a\n    publish:\n      got: <% $result.id %>\n" +
      '  b:\n    action: shop.b\n    requires: a\n    publish:\n      by_b: <% $result.id %>\n' +
      '  c:\n    action: shop.c\n    requires: a\n    publish:\n      by_c: <% $result.id %>\n' +
      'output:\n  got: <% $got %>\n  by_b: <% $by_b %>\n  by_c: <% $by_c %>\n';
    const runs: CorpusRuns = {
      actions: { 'shop.a': { result: { id: 'a-1' } }, 'shop.b': { result: { id: 'b-1' } }, 'shop.c': { result: { id: 'c-1' } } },
      cases: [],
    };
    const entry: CorpusEntry = { name: 'leaves', yamlPath: 'leaves.yaml', source, expectedAsl: undefined, runs };
    const compiled = compileWorkflow(source, { file: 'leaves.yaml', actions: ['shop.a', 'shop.b', 'shop.c'] });

    it('joins the last level at reverse_end', () => {
      const states = (compiled.asl?.States ?? {}) as Record<string, { Type?: string; Next?: string }>;

      expect(states.reverse_level_1?.Type).toBe('Parallel');
      expect(states.reverse_level_1?.Next).toBe('reverse_end');
      expect(states.reverse_end?.Type).toBe('Pass');
    });

    it.each([
      ['b', { got: 'a-1', by_b: 'b-1', by_c: null }, { 'shop.b': [{}], 'shop.c': [] }],
      ['c', { got: 'a-1', by_b: null, by_c: 'c-1' }, { 'shop.b': [], 'shop.c': [{}] }],
      [null, { got: 'a-1', by_b: 'b-1', by_c: 'c-1' }, { 'shop.b': [{}], 'shop.c': [{}] }],
    ])('task_name %s runs its closure', async (taskName, output, calls) => {
      if (!compiled.asl || !compiled.metadata) throw new Error(`The workflow did not compile: ${compiled.diagnostics.map((d) => d.message).join(' ')}`);

      const input = { task_name: taskName };
      const outcome = await runCorpusCase(compiled.asl, compiled.metadata, entry, { name: String(taskName), input, status: 'SUCCEEDED' });

      expect(outcome.status).toBe('SUCCEEDED');
      expect(outcome.output).toStrictEqual(output);
      expect({ 'shop.b': outcome.calls['shop.b'] ?? [], 'shop.c': outcome.calls['shop.c'] ?? [] }).toStrictEqual(calls);
    });
  });
});
