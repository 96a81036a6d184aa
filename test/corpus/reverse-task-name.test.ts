import { validateWorkflowInput } from '../../lambdas/control/input-validation';
import { compileCorpusEntry, runCorpusCase } from './harness';
import { readCorpusEntry } from './harness-cases';

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
    expect(compiledFromInput.metadata?.input).toStrictEqual([{ name: 'order_id' }, { name: 'task_name', default: null }]);
  });

  it('control API accepts task_name without target', () => {
    const inputs = compiledFromInput.metadata?.input ?? [];

    expect(() => validateWorkflowInput('reverse_task_name', inputs, { order_id: 'o-1', task_name: 'pack' })).not.toThrow();
  });

  it('control API rejects task_name with target', () => {
    const inputs = compiledFromDefinition.metadata?.input ?? [];

    expect(() => validateWorkflowInput('reverse_target', inputs, { order_id: 'o-1', task_name: 'pack' })).toThrow('Input field "task_name" is unknown');
  });

  it('counts the gates in the transitions', () => {
    expect(compiledFromInput.metadata?.transitions).toStrictEqual({ shortest: 14, longest: 15 });
    expect(compiledFromDefinition.metadata?.transitions).toStrictEqual({ shortest: 3, longest: 3 });
  });

  it('unknown task_name names the known tasks', async () => {
    const corpusCase = fromInput.runs.cases.find((c) => c.name === 'unknown task_name fails before any task');
    if (!corpusCase || !compiledFromInput.asl || !compiledFromInput.metadata) throw new Error('reverse-task-name did not compile or lost its unknown task_name case.');

    const outcome = await runCorpusCase(compiledFromInput.asl, compiledFromInput.metadata, fromInput, corpusCase);

    expect(outcome.error).toBe('States.QueryEvaluationError');
    expect(outcome.cause).toContain("The task_name deliver is not a task of reverse workflow 'reverse_task_name': set task_name to one of ship, check, pack, charge, or leave it out to run every task.");
  });
});
