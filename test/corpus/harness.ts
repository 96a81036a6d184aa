import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { compileWorkflow } from '../../lib/compiler';
import type { CompileResult, WorkflowMetadata } from '../../lib/compiler/types';
import { Engine, FakeClock, type ExecutionStatusChangeEvent } from '../../lib/local/engine';
import { declaredActions, responsesFor, type CorpusCase, type CorpusEntry } from './harness-cases';
import { CorpusServices } from './harness-services';

/** Compiles a corpus workflow with the actions that its runs file declares as known actions. */
export function compileCorpusEntry(entry: CorpusEntry): CompileResult {
  const file = relative(join(__dirname, '..', '..'), entry.yamlPath);
  return compileWorkflow(entry.source, { file, actions: declaredActions(entry.runs) });
}

/** Outcome of one case on the local engine. */
export interface CaseOutcome {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  calls: Record<string, unknown[]>;
  waitedSeconds: number;
}

/** Idle polls without a pending timer or callback before a run counts as stuck. */
const maxIdlePolls = 200;

/** Polls with unchanged timers and calls before the fake clock jumps. */
const settlePolls = 3;

/**
 * Runs one case on a fresh local engine with a fake clock. Each
 * `${key}` placeholder becomes the key itself as the function name, and
 * the clock jumps to the next timer whenever the execution only waits.
 */
export async function runCorpusCase(asl: object, metadata: WorkflowMetadata, entry: CorpusEntry, corpusCase: CorpusCase): Promise<CaseOutcome> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sirocco-corpus-'));
  const actionOfTask = new Map(metadata.tasks.filter((t) => t.action).map((t) => [t.name, t.action as string]));
  const services = new CorpusServices(responsesFor(entry.runs, corpusCase), actionOfTask);
  const clock = new FakeClock();
  const ended = new Set<string>();
  const onStatusChange = (event: ExecutionStatusChangeEvent): void => {
    if (event.detail.status !== 'RUNNING') ended.add(event.detail.executionArn);
  };
  const engine = new Engine({ dataDir, services, clock, onStatusChange });
  services.engine = engine;

  try {
    await engine.start();
    const definition = JSON.stringify(asl).replace(/\$\{(\w+)\}/g, '$1');
    const machine = await engine.call('CreateStateMachine', { name: metadata.name, definition, roleArn: 'arn:aws:iam::000000000000:role/corpus' });
    const startedAt = clock.now();
    const started = await engine.call('StartExecution', { stateMachineArn: machine.stateMachineArn, input: JSON.stringify(corpusCase.input) });
    const executionArn = started.executionArn as string;

    await driveUntilEnded(() => ended.has(executionArn), clock, services, `${entry.name}: ${corpusCase.name}`);
    const done = await engine.call('DescribeExecution', { executionArn });

    return {
      status: done.status as string,
      output: typeof done.output === 'string' ? JSON.parse(done.output) : undefined,
      error: done.error as string | undefined,
      cause: done.cause as string | undefined,
      calls: services.calls,
      waitedSeconds: (clock.now() - startedAt) / 1000,
    };
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Polls until the execution ends. The clock moves only after the pending
 * timers and the calls stayed the same for a few polls, so that a task's
 * timeout does not fire while its fake Lambda call is still being handled.
 */
async function driveUntilEnded(isEnded: () => boolean, clock: FakeClock, services: CorpusServices, label: string): Promise<void> {
  let idlePolls = 0;
  let stablePolls = 0;
  let lastSnapshot = '';
  while (!isEnded()) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const snapshot = `${clock.pendingDelays().join(',')}|${JSON.stringify(services.calls).length}|${services.pendingCallbacks}`;
    stablePolls = snapshot === lastSnapshot ? stablePolls + 1 : 0;
    lastSnapshot = snapshot;
    if (isEnded() || services.pendingCallbacks > 0 || stablePolls < settlePolls) continue;

    const [next] = clock.pendingDelays();
    if (next !== undefined) {
      clock.advance(next);
      idlePolls = 0;
    } else if (++idlePolls > maxIdlePolls) {
      throw new Error(`Execution '${label}' neither ended nor waited on a timer: a task may wait for a callback that has no response in the runs file.`);
    }
  }
}
