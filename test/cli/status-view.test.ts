import { formatStatus, type ExecutionStatus } from '../../lib/cli/aws/status-view';
import type { CliOutput } from '../../lib/cli/output';

const OUTPUT: CliOutput = { color: false, stdout: () => undefined, stderr: () => undefined };

// A Lambda error cause as Step Functions records it: the error JSON with its stack trace.
const LAMBDA_CAUSE = JSON.stringify({
  errorType: 'SystemError.503',
  errorMessage: 'GET /employees/E1001/bonus failed with status 503.',
  trace: ['SystemError.503: GET /employees/E1001/bonus failed', '    at callSystem (/var/task/index.js:12:9)'],
});

function failedStatus(): ExecutionStatus {
  return {
    workflow: 'salary',
    executionArn: 'arn:aws:states:us-east-1:000000000000:execution:salary:run-1',
    executionName: 'run-1',
    status: 'FAILED',
    startDate: '2026-12-01T09:00:00.000Z',
    stopDate: '2026-12-01T09:00:05.000Z',
    redriveCount: 0,
    error: 'SystemError.503',
    cause: LAMBDA_CAUSE,
    tasks: {
      done: [{ name: 'salary_base', status: 'SUCCEEDED' }],
      running: [],
      failed: [{ name: 'bonus', status: 'FAILED', attempts: 3, error: 'SystemError.503', cause: LAMBDA_CAUSE }],
      notReached: ['approve_bonus'],
    },
    pendingApprovals: [],
    decidedApprovals: [],
    waitingTasks: [],
  } as unknown as ExecutionStatus;
}

function waitingStatus(waitingTasks: ExecutionStatus['waitingTasks']): ExecutionStatus {
  return {
    ...failedStatus(),
    status: 'RUNNING',
    stopDate: undefined,
    error: undefined,
    cause: undefined,
    waitingTasks,
  };
}

const SINCE = '2026-12-01T09:00:01.000Z';

describe('formatStatus', () => {
  it('shows the Lambda errorMessage without the trace', () => {
    const text = formatStatus(failedStatus(), OUTPUT);

    expect(text).toMatch(/^Error\s+SystemError\.503: GET \/employees\/E1001\/bonus failed with status 503\.$/m);
    expect(text).toMatch(/^\s+bonus\s+FAILED\s+3 attempts\s+SystemError\.503: GET \/employees\/E1001\/bonus failed with status 503\.$/m);
    expect(text).not.toContain('trace');
    expect(text).not.toContain('callSystem');
    expect(text).not.toContain('errorMessage');
  });

  it('keeps a plain cause as it is', () => {
    const status = { ...failedStatus(), status: 'ABORTED', error: 'Operator.Cancelled', cause: 'Wrong month' };

    const text = formatStatus(status, OUTPUT);

    expect(text).toMatch(/^Error\s+Operator\.Cancelled: Wrong month$/m);
  });

  it('shows a cause without an error name', () => {
    const status = { ...failedStatus(), error: undefined };

    const text = formatStatus(status, OUTPUT);

    expect(text).toMatch(/^Error\s+GET \/employees\/E1001\/bonus failed with status 503\.$/m);
  });

  it('names --task when several pauses wait', () => {
    const status = waitingStatus([
      { task: 'pay', state: 'pay.pause', reason: 'pause-before', since: SINCE },
      { task: 'notify', state: 'notify.pause', reason: 'pause-before', since: SINCE },
    ]);

    const text = formatStatus(status, OUTPUT);

    expect(text).toContain("  Paused before pay: run 'sirocco resume run-1 --task pay' to continue.\n");
    expect(text).toContain("  Paused before notify: run 'sirocco resume run-1 --task notify' to continue.\n");
  });

  it('describes a pause command', () => {
    const status = waitingStatus([{ task: 'check', state: 'check.on-success.pause', reason: 'pause', since: SINCE }]);

    const text = formatStatus(status, OUTPUT);

    expect(text).toContain("  Paused after check by the pause command: run 'sirocco resume run-1' to end this path.\n");
  });

  it('completes a copied task by its state name', () => {
    const status = waitingStatus([{ task: 'ask', state: 'ask.2', reason: 'completion', since: SINCE }]);

    const text = formatStatus(status, OUTPUT);

    expect(text).toContain("  ask waits for its result: run 'sirocco complete run-1 ask.2 --output JSON'");
  });

  it('omits the Waiting section when nothing waits', () => {
    const text = formatStatus(waitingStatus([]), OUTPUT);

    expect(text).not.toContain('Waiting');
  });
});
