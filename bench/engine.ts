/**
 * Measures the local engine's state transitions per second on a chain of
 * 1,000 Pass states with Assign expressions, against bare jsonata 2.0.6
 * evaluating the same expressions, and prints both with their ratio.
 * Run with `npx tsx bench/engine.ts`; the numbers depend on the machine and disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import jsonata from 'jsonata';

import { Engine } from '../lib/local/engine/engine';
import type { LocalServices } from '../lib/local/engine/types';

const stateCount = 1000;
const assignExpressions = {
  counter: '$counter + 1',
  label: "'step ' & $string($counter)",
};

function chainDefinition(): string {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < stateCount; i++) {
    const assign = i === 0 ? { counter: 0, label: 'start' } : Object.fromEntries(Object.entries(assignExpressions).map(([name, text]) => [name, `{% ${text} %}`]));
    states[`S${i}`] = { Type: 'Pass', Assign: assign, ...(i === stateCount - 1 ? { End: true } : { Next: `S${i + 1}` }) };
  }
  return JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'S0', States: states });
}

const unusedServices: LocalServices = {
  invokeLambda: () => Promise.reject(new Error('The benchmark calls no Lambda function.')),
  snsPublish: () => Promise.reject(new Error('The benchmark publishes nothing.')),
  sesSendEmail: () => Promise.reject(new Error('The benchmark sends no email.')),
  dynamodb: () => Promise.reject(new Error('The benchmark calls no table.')),
};

/** Returns the engine's transitions per second for one execution of the chain. */
async function measureEngine(): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sirocco-bench-'));
  let finish: (status: string) => void = () => undefined;
  const done = new Promise<string>((resolve) => (finish = resolve));
  const engine = new Engine({
    dataDir,
    services: unusedServices,
    onStatusChange: (event) => {
      if (event.detail.status !== 'RUNNING') {
        finish(event.detail.status);
      }
    },
  });
  await engine.start();
  const machine = await engine.call('CreateStateMachine', { name: 'chain', definition: chainDefinition(), roleArn: 'arn:aws:iam::000000000000:role/bench' });

  const started = process.hrtime.bigint();
  await engine.call('StartExecution', { stateMachineArn: machine.stateMachineArn, input: '{}' });
  const status = await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (status !== 'SUCCEEDED') {
    throw new Error(`The benchmark execution ended ${status}; expected SUCCEEDED.`);
  }
  return stateCount / seconds;
}

/** Returns "transitions" per second for jsonata alone: the same expressions, evaluated in sequence. */
async function measureJsonata(): Promise<number> {
  const compiled = Object.entries(assignExpressions).map(([name, text]) => [name, jsonata(text)] as const);
  let variables: Record<string, unknown> = { counter: 0, label: 'start' };

  const started = process.hrtime.bigint();
  for (let i = 1; i < stateCount; i++) {
    const next: Record<string, unknown> = {};
    for (const [name, expression] of compiled) {
      next[name] = await expression.evaluate({}, variables);
    }
    variables = next;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  if (variables.counter !== stateCount - 1) {
    throw new Error(`jsonata counted to ${String(variables.counter)}; expected ${stateCount - 1}.`);
  }
  return stateCount / seconds;
}

async function main(): Promise<void> {
  // One warm-up of each, so that both sides run with compiled code and cached expressions.
  await measureJsonata();
  await measureEngine();

  const bare = await measureJsonata();
  const engine = await measureEngine();

  console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node.js ${process.version}`);
  console.log(`Chain of ${stateCount} Pass states, each assigning ${Object.keys(assignExpressions).length} variables with JSONata`);
  console.log(`bare jsonata:  ${bare.toFixed(0)} transitions/s`);
  console.log(`local engine:  ${engine.toFixed(0)} transitions/s (history and checkpoints to a temporary folder)`);
  console.log(`ratio:         the engine is ${(bare / engine).toFixed(1)}x slower than bare jsonata`);
}

main().catch((error: unknown) => {
  console.error(`Benchmark failed: ${(error as Error).message}`);
  process.exit(1);
});
