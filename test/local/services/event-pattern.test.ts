import { matchesEventPattern } from '../../../lib/local/events/event-pattern';

const EVENT = {
  source: 'aws.states',
  'detail-type': 'Step Functions Execution Status Change',
  resources: ['arn:aws:states:us-east-1:000000000000:execution:salary:run-1'],
  detail: {
    status: 'FAILED',
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:salary',
    redriveCount: 2,
    error: null,
    tags: ['payroll', 'monthly'],
  },
};

describe('matchesEventPattern', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['exact value', { source: ['aws.states'] }, true],
    ['other exact value', { source: ['aws.events'] }, false],
    ['one of several values', { detail: { status: ['TIMED_OUT', 'FAILED'] } }, true],
    ['nested mismatch', { detail: { status: ['SUCCEEDED'] } }, false],
    ['missing field', { detail: { cause: ['x'] } }, false],
    ['null value', { detail: { error: [null] } }, true],
    ['number value', { detail: { redriveCount: [2] } }, true],
    ['prefix', { detail: { stateMachineArn: [{ prefix: 'arn:aws:states:us-east-1:' }] } }, true],
    ['prefix mismatch', { detail: { stateMachineArn: [{ prefix: 'arn:aws:lambda' }] } }, false],
    ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, true],
    ['suffix', { detail: { stateMachineArn: [{ suffix: ':salary' }] } }, true],
    ['equals-ignore-case', { detail: { status: [{ 'equals-ignore-case': 'failed' }] } }, true],
    ['wildcard', { detail: { stateMachineArn: [{ wildcard: 'arn:*:salary' }] } }, true],
    ['anything-but value', { detail: { status: [{ 'anything-but': 'SUCCEEDED' }] } }, true],
    ['anything-but list', { detail: { status: [{ 'anything-but': ['FAILED', 'ABORTED'] }] } }, false],
    ['anything-but prefix', { detail: { status: [{ 'anything-but': { prefix: 'FAIL' } }] } }, false],
    ['exists true', { detail: { status: [{ exists: true }] } }, true],
    ['exists false on absent', { detail: { cause: [{ exists: false }] } }, true],
    ['exists false on present', { detail: { status: [{ exists: false }] } }, false],
    ['numeric range', { detail: { redriveCount: [{ numeric: ['>', 0, '<=', 2] }] } }, true],
    ['numeric outside range', { detail: { redriveCount: [{ numeric: ['>=', 3] }] } }, false],
    ['array field element', { detail: { tags: ['monthly'] } }, true],
    ['array field no element', { detail: { tags: ['weekly'] } }, false],
    ['resources prefix', { resources: [{ prefix: 'arn:aws:states:us-east-1:000000000000:execution:salary:' }] }, true],
    ['$or alternatives', { $or: [{ source: ['other'] }, { detail: { status: ['FAILED'] } }] }, true],
    ['$or without match', { $or: [{ source: ['other'] }, { detail: { status: ['RUNNING'] } }] }, false],
    ['object against scalar', { source: { nested: ['x'] } }, false],
  ])('%s', (_name, pattern, expected) => {
    expect(matchesEventPattern(pattern, EVENT)).toBe(expected);
  });

  it('rejects a scalar pattern field', () => {
    expect(() => matchesEventPattern({ source: 'aws.states' }, EVENT)).toThrow(
      'Event pattern field \'source\' must be an array or an object, but it is "aws.states".',
    );
  });
});
