import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * The files of one corpus workflow: `<name>.yaml`, its expected ASL in
 * `<name>.asl.json` and its runs in `<name>.runs.json`.
 */

export const corpusFolder = __dirname;

/**
 * What a faked action returns: a result, or an error that the Lambda raises.
 * A task with a task token may also stay `pending`, until its timeout.
 */
export type ActionResponse =
  | { result: unknown }
  | { error: string; message?: string }
  | { pending: true };

/**
 * Responses of one action. A single response serves every call. A list serves
 * successive calls in order, and its last entry repeats.
 */
export type ActionResponses = ActionResponse | ActionResponse[];

export interface ExpectedDiagnostic {
  code: string;
  line: number;
}

export interface CorpusCase {
  name: string;
  input: unknown;
  /**
   * Responses by action (`shop.quote`, `std.approval`, `std.http` …) or by
   * service (`sns:publish`, `sesv2:sendEmail`), over the file's defaults.
   */
  actions?: Record<string, ActionResponses>;
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  /** Execution output, for a SUCCEEDED case. */
  output?: unknown;
  /** Execution `error`, for a FAILED or TIMED_OUT case. */
  error?: string;
  /** Execution `cause`, compared only when given. */
  cause?: string;
  /**
   * Expected requests by action or service, in call order: the `input` of an
   * action event, or the request of `sns:publish` and `sesv2:sendEmail`.
   */
  calls?: Record<string, unknown[]>;
  /** Seconds of engine time that the execution waited, compared only when given. */
  waitedSeconds?: number;
}

export interface CorpusRuns {
  /** Warnings and infos that compiling the workflow reports, by code and line. */
  diagnostics?: ExpectedDiagnostic[];
  /** Responses for every case, unless a case overrides the action. */
  actions?: Record<string, ActionResponses>;
  cases: CorpusCase[];
}

export interface CorpusEntry {
  name: string;
  yamlPath: string;
  source: string;
  expectedAsl: unknown;
  runs: CorpusRuns;
}

/** Lists the corpus workflows, sorted by name. */
export function listCorpusNames(): string[] {
  return readdirSync(corpusFolder)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.replace(/\.yaml$/, ''))
    .sort();
}

/** Reads one corpus entry, with an error that names the missing companion file. */
export function readCorpusEntry(name: string): CorpusEntry {
  const yamlPath = join(corpusFolder, `${name}.yaml`);
  const aslPath = join(corpusFolder, `${name}.asl.json`);
  const runsPath = join(corpusFolder, `${name}.runs.json`);
  for (const path of [aslPath, runsPath]) {
    if (!existsSync(path)) throw new Error(`Corpus workflow '${name}' has no ${path}: add it next to ${name}.yaml.`);
  }

  return {
    name,
    yamlPath,
    source: readFileSync(yamlPath, 'utf8'),
    expectedAsl: JSON.parse(readFileSync(aslPath, 'utf8')),
    runs: JSON.parse(readFileSync(runsPath, 'utf8')) as CorpusRuns,
  };
}

/** Returns the responses of every action for one case, the case's own over the file's defaults. */
export function responsesFor(runs: CorpusRuns, corpusCase: CorpusCase): Record<string, ActionResponses> {
  return { ...runs.actions, ...corpusCase.actions };
}

/** Returns every action that has a response in the runs, to pass to the compiler as known actions. */
export function declaredActions(runs: CorpusRuns): string[] {
  const names = new Set(Object.keys(runs.actions ?? {}));
  for (const corpusCase of runs.cases) {
    for (const action of Object.keys(corpusCase.actions ?? {})) names.add(action);
  }
  return [...names].filter((name) => !name.includes(':')).sort();
}
