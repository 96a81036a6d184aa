/**
 * Runs 200 concurrent salary executions on the local runtime, each approved
 * through the link of its SMS, and reports the wall time and the peak
 * resident memory of the runtime's process tree (the runtime and its Lambda
 * child processes). Both are printed as ratios to a baseline measured in the
 * same run: one execution alone, and the idle runtime's memory.
 * Run with `npx tsx bench/salary-load.ts [executions]`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

import { approvalLinksOf, decideThroughLink } from '../lib/cli/run/approval-decider';
import { createMemoryLog } from '../lib/local/log';
import { startRuntime, type LocalRuntime } from '../lib/local/runtime';
import { synthesize } from '../lib/local/synthesize';
import { startSampleSystems, type SampleSystems } from '../lib/samples/sample-systems';
import { sampleSystemOverrides } from '../lib/samples/system-url-overrides';

const executionCount = Number(process.argv[2] ?? 200);
const projectDir = path.resolve(__dirname, '..');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Sums the resident set size of a process and all its descendants, from /proc. */
function treeRssBytes(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended between readdir and read.
    }
  }

  let total = 0;
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      continue;
    }
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples the process tree's memory every 100 ms until stopped, and keeps the peak. */
function sampleMemory(): { stop: () => number } {
  let peak = treeRssBytes(process.pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes(process.pid));
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, treeRssBytes(process.pid));
    },
  };
}

/** Returns a distinct YYYY-MM month for each run, so that no payroll entry repeats. */
function monthOf(firstYear: number, index: number): string {
  const year = firstYear + Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Starts `count` salary executions, approves each through its SMS link, and waits for all to succeed. */
async function runSalaries(runtime: LocalRuntime, count: number, prefix: string, firstYear: number): Promise<number> {
  const sfn = new SFNClient({ endpoint: runtime.urls.stepFunctions, region: 'us-east-1', credentials });
  const stateMachineArn = runtime.stateMachines.salary;
  const started = Date.now();
  const decided = new Set<string>();

  const arns = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const input = { employee_id: 'E1001', month: monthOf(firstYear, index) };
      const output = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: `${prefix}-${index}`, input: JSON.stringify(input) }));
      return output.executionArn!;
    }),
  );

  const pending = new Set(arns);
  while (pending.size > 0) {
    for (const message of runtime.outbox.messages()) {
      for (const link of approvalLinksOf(message, runtime.urls.apiGateway)) {
        if (decided.has(link)) continue;
        decided.add(link);
        void decideThroughLink(link, 'approve');
      }
    }
    for (const executionArn of [...pending]) {
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (status === 'SUCCEEDED') pending.delete(executionArn);
      else if (status !== 'RUNNING') throw new Error(`Execution ${executionArn} ended ${status}; the benchmark expects every run to succeed.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  sfn.destroy();
  return Date.now() - started;
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-bench-salary-'));
  const assemblyDir = path.join(workDir, 'cdk.out');
  let systems: SampleSystems | undefined;
  let runtime: LocalRuntime | undefined;

  try {
    console.log('Synthesizing the app ...');
    await synthesize(projectDir, assemblyDir);
    systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
    runtime = await startRuntime({
      assemblyDir,
      dataDir: path.join(workDir, 'data'),
      ports: 0,
      log: createMemoryLog(),
      environmentOverrides: sampleSystemOverrides(systems).environmentOf,
    });

    const idleRss = treeRssBytes(process.pid);
    const singleMs = await runSalaries(runtime, 1, 'single', 1900);

    const memory = sampleMemory();
    const loadMs = await runSalaries(runtime, executionCount, 'load', 2000);
    const peakRss = memory.stop();

    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
    console.log(`one salary execution:         ${singleMs} ms`);
    console.log(`${executionCount} concurrent executions:  ${loadMs} ms (${(loadMs / executionCount).toFixed(1)} ms each)`);
    console.log(`ratio wall time ${executionCount}/1:         ${(loadMs / singleMs).toFixed(1)}`);
    console.log(`idle runtime RSS:             ${mib(idleRss)}`);
    console.log(`peak RSS under load:          ${mib(peakRss)}`);
    console.log(`ratio peak/idle RSS:          ${(peakRss / idleRss).toFixed(2)}`);
  } finally {
    await runtime?.stop();
    await systems?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
