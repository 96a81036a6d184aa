import { listCorpusNames, readCorpusEntry, type CorpusEntry } from './harness-cases';
import { compileCorpusEntry, runCorpusCase } from './harness';

/**
 * Compiles every workflow under test/corpus, compares the whole ASL with
 * `<name>.asl.json`, and runs each case of `<name>.runs.json` on the local
 * engine with faked actions.
 */

const names = listCorpusNames();

it('corpus is not empty', () => {
  expect(names.length).toBeGreaterThan(0);
});

/** Reads an entry, or returns the error, so that one incomplete entry fails only its own test. */
function tryReadEntry(name: string): CorpusEntry | Error {
  try {
    return readCorpusEntry(name);
  } catch (error) {
    return error as Error;
  }
}

describe.each(names)('corpus %s', (name) => {
  const entry = tryReadEntry(name);
  if (entry instanceof Error) {
    it('has its companion files', () => {
      throw entry;
    });
    return;
  }
  const compiled = compileCorpusEntry(entry);

  it('compiles to the expected ASL', () => {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.start.line}:${d.start.column} ${d.code} ${d.message}`);
    expect(errors).toStrictEqual([]);
    expect(compiled.asl).toStrictEqual(entry.expectedAsl);
  });

  it('reports the expected diagnostics', () => {
    const reported = compiled.diagnostics.map((d) => ({ code: d.code, line: d.start.line }));
    expect(reported).toStrictEqual(entry.runs.diagnostics ?? []);
  });

  it.each(entry.runs.cases.map((c) => [c.name, c] as const))('runs %s', async (_caseName, corpusCase) => {
    if (!compiled.asl || !compiled.metadata) throw new Error(`Corpus workflow '${name}' did not compile.`);

    const outcome = await runCorpusCase(compiled.asl, compiled.metadata, entry, corpusCase);

    expect({ status: outcome.status, error: outcome.error }).toStrictEqual({ status: corpusCase.status, error: corpusCase.error });
    if (corpusCase.status === 'SUCCEEDED') expect(outcome.output).toStrictEqual(corpusCase.output);
    if (corpusCase.cause !== undefined) expect(outcome.cause).toBe(corpusCase.cause);
    for (const [service, requests] of Object.entries(corpusCase.calls ?? {})) {
      expect({ [service]: outcome.calls[service] ?? [] }).toStrictEqual({ [service]: requests });
    }
    if (corpusCase.waitedSeconds !== undefined) expect(outcome.waitedSeconds).toBe(corpusCase.waitedSeconds);
  });
});
