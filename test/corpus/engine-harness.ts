import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compileWorkflow } from '../../lib/compiler';
import { Engine, FakeClock, type ExecutionStatusChangeEvent } from '../../lib/local/engine';
import { HandlerServices, type Handler } from '../support/handler-services';
import type { StateMachineDefinition } from '../../lib/compiler/types';
import { readText } from '../compiler/helpers';

/** Compiles a corpus workflow and fails the test with the diagnostics when no ASL comes out. */
function compileCorpus(name: string): StateMachineDefinition {
  const file = `test/corpus/${name}.yaml`;
  const result = compileWorkflow(readText(file), { file });
  if (!result.asl) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));

  return result.asl;
}

/** One execution of a corpus workflow on a fresh local engine, with each action a function of its event. */
export class CorpusRun {
  readonly clock = new FakeClock();
  readonly services: HandlerServices;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'sirocco-corpus-'));
  private readonly engine: Engine;
  private readonly ended = new Map<string, () => void>();
  private readonly endedArns = new Set<string>();
  executionArn = '';

  constructor(handlers: Record<string, Handler>) {
    this.services = new HandlerServices(handlers);
    this.engine = new Engine({ dataDir: this.dataDir, services: this.services, clock: this.clock, onStatusChange: this.onStatusChange });
  }

  private readonly onStatusChange = (event: ExecutionStatusChangeEvent): void => {
    if (event.detail.status === 'RUNNING') return;
    this.endedArns.add(event.detail.executionArn);
    this.ended.get(event.detail.executionArn)?.();
  };

  /** Starts the engine and one execution of the compiled workflow, `${key}` placeholders filled with the key. */
  async start(name: string, input: unknown): Promise<void> {
    const definition = JSON.stringify(compileCorpus(name)).replace(/\$\{(\w+)\}/g, '$1');
    await this.engine.start();
    const machine = await this.engine.call('CreateStateMachine', { name: name.replace(/[^\w-]/g, '_'), definition, roleArn: 'arn:aws:iam::000000000000:role/test' });
    const started = await this.engine.call('StartExecution', { stateMachineArn: machine.stateMachineArn, input: JSON.stringify(input) });
    this.executionArn = started.executionArn as string;
  }

  call(action: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.engine.call(action, request);
  }

  /** Waits until the execution stops and returns DescribeExecution. */
  async finish(): Promise<Record<string, unknown>> {
    if (!this.endedArns.has(this.executionArn)) {
      await new Promise<void>((resolve) => this.ended.set(this.executionArn, resolve));
    }
    return this.engine.call('DescribeExecution', { executionArn: this.executionArn });
  }

  async close(): Promise<void> {
    await this.engine.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
