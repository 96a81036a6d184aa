import type { TestEngine } from './helpers';
import { definition, runMachine, startTestEngine } from './helpers';

/**
 * Reads of a variable that no state assigned before. Step Functions fails a
 * state with States.QueryEvaluationError when an expression of a field
 * returns nothing, and the engine does the same, so a counter read before
 * its first assignment fails instead of counting from nothing.
 */
describe('unassigned variables', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
  });

  afterEach(() => test.cleanup());

  it('fail a Choice rule Assign that adds to them', async () => {
    const text = definition('Count', {
      Count: {
        Type: 'Choice',
        Choices: [{ Condition: '{% true %}', Assign: { retries: '{% $retries + 1 %}' }, Next: 'Done' }],
      },
      Done: { Type: 'Succeed' },
    });

    const description = await runMachine(test, text);

    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('States.QueryEvaluationError');
    expect(description.cause).toContain("'$retries + 1'");
    expect(description.cause).toContain('returned nothing');
  });

  it('fail an Output that reads one alone', async () => {
    const text = definition('Read', { Read: { Type: 'Pass', Output: '{% $never %}', End: true } });

    const description = await runMachine(test, text);

    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('States.QueryEvaluationError');
  });

  it('count from 0 once a first state assigns them', async () => {
    const text = definition('Init', {
      Init: { Type: 'Pass', Assign: { retries: 0 }, Next: 'Count' },
      Count: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $retries < 2 %}', Assign: { retries: '{% $retries + 1 %}' }, Next: 'Count' }],
        Default: 'Done',
      },
      Done: { Type: 'Pass', Output: { retries: '{% $retries %}' }, End: true },
    });

    const description = await runMachine(test, text);

    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output as string)).toEqual({ retries: 2 });
  });
});
