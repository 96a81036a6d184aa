import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { compileFile } from '../../lib/compiler';
import type { Diagnostic } from '../../lib/compiler/types';
import type { Document } from 'yaml';

import { mutations, pairsOf, parseForMutation, printMutated } from './mutations';
import { Random } from './prng';

/**
 * Mutates valid workflows and checks that the compiler never throws: each
 * case compiles, or reports diagnostics at positions of line >= 1 and
 * column >= 1, and never an internal error (SRC1999). FUZZ_SEED replays a run.
 */

const root = join(__dirname, '..', '..');
const caseCount = 2000;
const seed = Number(process.env.FUZZ_SEED ?? 20261204);

interface Seed {
  file: string;
  source: string;
  document: Document;
}

function readSeeds(): Seed[] {
  const corpus = readdirSync(join(root, 'test', 'corpus'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => join('test', 'corpus', file));
  const files = ['workflows/salary.yaml', ...corpus];
  return files.map((file) => {
    const source = readFileSync(join(root, file), 'utf8');
    return { file, source, document: parseForMutation(source) };
  });
}

/**
 * Applies one to three mutations to a seed. Consecutive tree mutations share
 * one parsed document, which is printed only before a text mutation or at the end.
 */
function mutate(seed: Seed, random: Random, applied: string[]): string {
  let document: Document | undefined = seed.document.clone();
  let text = seed.source;
  const rounds = 1 + random.below(3);

  for (let round = 0; round < rounds; round++) {
    const mutation = random.pick(mutations);
    applied.push(mutation.name);
    if (mutation.kind === 'text') {
      text = mutation.apply(document ? printMutated(document) : text, random);
      document = undefined;
      continue;
    }

    document ??= parseForMutation(text);
    const pairs = pairsOf(document);
    if (pairs.length > 0) {
      mutation.change(document, pairs, random);
    } else {
      // A text mutation broke the YAML or left no mapping, so only text mutations can follow.
      document = undefined;
    }
  }

  return document ? printMutated(document) : text;
}

function problemOf(diagnostics: Diagnostic[], hasOutput: boolean): string | undefined {
  if (diagnostics.length === 0 && !hasOutput) return 'no workflow and no diagnostic';
  for (const d of diagnostics) {
    if (d.code === 'SRC1999') return `internal error: ${d.message}`;
    if (!Number.isInteger(d.start.line) || d.start.line < 1) return `${d.code} at line ${d.start.line}`;
    if (!Number.isInteger(d.start.column) || d.start.column < 1) return `${d.code} at column ${d.start.column}`;
  }
  return undefined;
}

it('compiler survives mutated workflows', () => {
  const seeds = readSeeds();
  const random = new Random(seed);
  const failures: string[] = [];

  for (let index = 0; index < caseCount; index++) {
    const origin = random.pick(seeds);
    const applied: string[] = [];
    const source = mutate(origin, random, applied);

    let problem: string | undefined;
    try {
      const result = compileFile(source, { file: 'fuzz.yaml', actions: ['accounting.salary_base', 'accounting.record_payroll', 'bonus.calculate'] });
      const hasOutput = result.workflows.some((workflow) => workflow.asl !== undefined);
      problem = problemOf(result.diagnostics, hasOutput);
    } catch (error) {
      problem = `threw ${(error as Error).stack ?? String(error)}`;
    }
    if (problem) failures.push(`case ${index} (seed ${seed}, ${origin.file}, ${applied.join(' + ')}): ${problem}\n--- source ---\n${source}`);
  }

  if (failures.length > 0) {
    throw new Error(`${failures.length} of ${caseCount} fuzz cases failed with FUZZ_SEED=${seed}. First ones:\n\n${failures.slice(0, 3).join('\n\n')}`);
  }
});
