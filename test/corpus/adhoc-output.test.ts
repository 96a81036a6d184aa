import { readFileSync } from 'fs';
import { join } from 'path';
import { compileFile } from '../../lib/compiler';
import type { CorpusCase, CorpusEntry, CorpusRuns } from './harness-cases';
import { runCorpusCase } from './harness';

/**
 * Compiles the workbook test/corpus/adhoc/quote.yaml, whose ad-hoc action
 * has an `output`, compares its ASL with quote.asl.json and runs the cases
 * of quote.runs.json on the local engine.
 */

const folder = join(__dirname, 'adhoc');
const yamlPath = join(folder, 'quote.yaml');
const source = readFileSync(yamlPath, 'utf8');
const expectedAsl = JSON.parse(readFileSync(join(folder, 'quote.asl.json'), 'utf8')) as Record<string, unknown>;
const runs = JSON.parse(readFileSync(join(folder, 'quote.runs.json'), 'utf8')) as CorpusRuns;
const compiled = compileFile(source, { file: 'test/corpus/adhoc/quote.yaml', actions: ['shop.quote'] });
const workflow = compiled.workflows.find((candidate) => candidate.metadata?.name === 'shop-price');
const entry: CorpusEntry = { name: 'adhoc/quote', yamlPath, source, expectedAsl, runs };

describe('ad-hoc action output', () => {
  it('compiles without diagnostics', () => {
    expect(compiled.diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.code}`)).toStrictEqual([]);
  });

  it('compiles to the expected ASL', () => {
    expect({ 'shop-price': workflow?.asl }).toStrictEqual(expectedAsl);
  });

  it('transforms the result where it is read', () => {
    const states = workflow?.asl?.States as Record<string, Record<string, unknown>>;

    expect(JSON.stringify(states.quote.Assign)).toContain('$action__result := $states.result.Payload');
    expect(JSON.stringify(states['quote.on-success'].Choices)).toContain('$action__result := $states.input.Payload');
  });

  it('adds no state', () => {
    expect(Object.keys(workflow?.asl?.States ?? {})).toStrictEqual(['input', 'quote', 'quote.on-success', 'quote.on-success.fail', 'quote.on-error.fail', 'quote_extras']);
  });

  it('names the publish key that read nothing', async () => {
    const ghostSource = source.replace('        on-error:\n          - fail msg="The line could not be priced."\n', '');
    const ghost = compileFile(ghostSource, { file: 'test/corpus/adhoc/quote.yaml', actions: ['shop.quote'] }).workflows.find((candidate) => candidate.metadata?.name === 'shop-price');
    if (!ghost?.asl || !ghost.metadata) throw new Error('The workbook test/corpus/adhoc/quote.yaml without on-error did not compile.');
    const corpusCase: CorpusCase = {
      name: 'quote without a price',
      input: { item: 'lamp', quantity: 3 },
      actions: { 'shop.quote': { result: { quantity: 3, currency: 'EUR' } } },
      status: 'FAILED',
    };

    const outcome = await runCorpusCase(ghost.asl, ghost.metadata, { ...entry, source: ghostSource }, corpusCase);

    expect(ghostSource).not.toContain('on-error');
    expect(outcome.status).toBe('FAILED');
    expect(outcome.cause).toContain("Publish key 'total' of task 'quote' read nothing");
    expect(outcome.cause).toContain('write <% $exists($result.total) ? $result.total : null %> for null.');
  });

  it.each(runs.cases.map((c) => [c.name, c] as const))('runs %s', async (_name, corpusCase) => {
    if (!workflow?.asl || !workflow.metadata) throw new Error('The workbook test/corpus/adhoc/quote.yaml did not compile.');

    const outcome = await runCorpusCase(workflow.asl, workflow.metadata, entry, corpusCase);

    expect({ status: outcome.status, error: outcome.error }).toStrictEqual({ status: corpusCase.status, error: corpusCase.error });
    if (corpusCase.status === 'SUCCEEDED') expect(outcome.output).toStrictEqual(corpusCase.output);
    if (corpusCase.cause !== undefined) expect(outcome.cause).toBe(corpusCase.cause);
    for (const [service, requests] of Object.entries(corpusCase.calls ?? {})) {
      expect({ [service]: outcome.calls[service] ?? [] }).toStrictEqual({ [service]: requests });
    }
  });
});
