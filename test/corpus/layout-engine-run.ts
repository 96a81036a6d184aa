import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compileFile } from '../../lib/compiler';
import type { CompileResult } from '../../lib/compiler';
import { Engine, FakeClock, type ExecutionStatusChangeEvent } from '../../lib/local/engine';
import { HandlerServices, type Handler } from '../support/handler-services';
import { knownActions, readText } from '../compiler/helpers';

/** Compiles a corpus file and returns its workflows by state machine name, failing on any error. */
export function compileCorpus(file: string, actions: readonly string[] = knownActions): Map<string, CompileResult> {
  const result = compileFile(readText(file), { file, actions });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));

  return new Map(result.workflows.map((workflow) => [workflow.metadata?.name ?? '', workflow]));
}

export interface FinishedExecution {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Events received by each function, by the substitution key that names it. */
  events: Map<string, Record<string, unknown>[]>;
}

/**
 * Runs compiled workflows on the local engine, each `${key}` placeholder of
 * a function filled with the key itself as the function name. `close` stops the engine
 * and removes its data folder.
 */
export class CorpusEngine {
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'sirocco-corpus-'));
  private readonly ended = new Map<string, () => void>();
  private readonly endedArns = new Set<string>();
  private readonly services = new HandlerServices();
  private readonly engine = new Engine({
    dataDir: this.dataDir,
    services: this.services,
    clock: new FakeClock(),
    onStatusChange: (event: ExecutionStatusChangeEvent) => this.onStatusChange(event),
  });

  async start(): Promise<void> {
    await this.engine.start();
  }

  async run(name: string, result: CompileResult, handlers: Record<string, Handler>, input: unknown): Promise<FinishedExecution> {
    if (!result.asl) throw new Error(`Workflow '${name}' has no ASL.`);
    this.services.handlers = handlers;
    this.services.events.clear();

    const stateMachineArn = await this.deploy(name, result);
    const started = await this.engine.call('StartExecution', { stateMachineArn, input: JSON.stringify(input) });
    const executionArn = started.executionArn as string;

    await this.waitForEnd(executionArn);
    const done = await this.engine.call('DescribeExecution', { executionArn });

    return {
      status: String(done.status),
      output: typeof done.output === 'string' ? JSON.parse(done.output) : undefined,
      error: done.error as string | undefined,
      cause: done.cause as string | undefined,
      events: new Map(this.services.events),
    };
  }

  /**
   * Creates the state machine of a compiled workflow and returns its ARN. A
   * `${Workflow_<name>}` placeholder becomes the ARN of that state machine,
   * which must be deployed before it runs.
   */
  async deploy(name: string, result: CompileResult): Promise<string> {
    const arns = new Map(
      (result.metadata?.substitutions ?? []).flatMap((substitution) =>
        substitution.kind === 'workflow' ? [[substitution.key, `arn:aws:states:us-east-1:000000000000:stateMachine:${substitution.workflow}`]] : [],
      ),
    );
    const definition = JSON.stringify(result.asl).replace(/\$\{(\w+)\}/g, (_, key: string) => arns.get(key) ?? key);
    const machine = await this.engine.call('CreateStateMachine', { name, definition, roleArn: 'arn:aws:iam::000000000000:role/test' });

    return machine.stateMachineArn as string;
  }

  async close(): Promise<void> {
    await this.engine.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private onStatusChange(event: ExecutionStatusChangeEvent): void {
    if (event.detail.status === 'RUNNING') return;
    this.endedArns.add(event.detail.executionArn);
    this.ended.get(event.detail.executionArn)?.();
  }

  private waitForEnd(executionArn: string): Promise<void> {
    if (this.endedArns.has(executionArn)) return Promise.resolve();
    return new Promise((resolve) => this.ended.set(executionArn, resolve));
  }
}
