import { createHash, randomUUID } from 'node:crypto';

import { StatesError, StatesErrorName } from '../errors';

const hashAlgorithms: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function fail(message: string): never {
  throw new StatesError(StatesErrorName.QueryEvaluationError, message);
}

/** Splits an array into chunks of `size` items, so the last chunk may be shorter. */
function partition(array: unknown, size: unknown): unknown[][] {
  if (!Array.isArray(array)) {
    fail(`$partition expects an array as its first argument, got ${JSON.stringify(array)}.`);
  }
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    fail(`$partition expects a positive integer chunk size, got ${JSON.stringify(size)}.`);
  }
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += size) {
    chunks.push(array.slice(i, i + size));
  }
  return chunks;
}

/** Returns the numbers from `start` to `end` inclusive, `step` apart. */
function range(start: unknown, end: unknown, step: unknown): number[] {
  if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number') {
    fail('$range expects three numbers: start, end and step.');
  }
  if (step === 0) {
    fail('$range step must not be 0.');
  }
  const values: number[] = [];
  for (let value = start; step > 0 ? value <= end : value >= end; value += step) {
    values.push(value);
    if (values.length > 1000) {
      fail('$range would return more than 1000 items.');
    }
  }
  return values;
}

/** Returns the hex digest of a string with MD5, SHA-1, SHA-256, SHA-384 or SHA-512. */
function hash(value: unknown, algorithm: unknown): string {
  if (typeof value !== 'string') {
    fail(`$hash expects a string to hash, got ${JSON.stringify(value)}.`);
  }
  const nodeName = typeof algorithm === 'string' ? hashAlgorithms[algorithm] : undefined;
  if (nodeName === undefined) {
    fail(
      `$hash algorithm ${JSON.stringify(algorithm)} is not supported. Use one of ${Object.keys(hashAlgorithms).join(', ')}.`,
    );
  }
  return createHash(nodeName).update(value).digest('hex');
}

/** Returns a number from 0 up to but excluding 1. The same seed returns the same number. */
function random(seed?: unknown): number {
  if (seed === undefined) {
    return Math.random();
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    fail(`$random expects an integer seed, got ${JSON.stringify(seed)}.`);
  }
  // mulberry32, a small seeded generator.
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function parse(text: unknown): unknown {
  if (typeof text !== 'string') {
    fail(`$parse expects a JSON string, got ${JSON.stringify(text)}.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    fail(`$parse could not parse ${JSON.stringify(text)} as JSON.`);
  }
}

function evalUnavailable(): never {
  fail('The $eval function is not available in Step Functions.');
}

/** JSONata functions that Step Functions adds, bound into every evaluation. */
export const stepFunctionsFunctions: Record<string, unknown> = {
  partition,
  range,
  hash,
  random,
  uuid: () => randomUUID(),
  parse,
  eval: evalUnavailable,
};
