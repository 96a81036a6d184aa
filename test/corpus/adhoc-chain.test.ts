import { readFileSync } from 'fs';
import { join } from 'path';
import { compileFile } from '../../lib/compiler';
import type { CorpusEntry, CorpusRuns } from './harness-cases';
import { runCorpusCase } from './harness';

/**
 * Compiles the workbook test/corpus/adhoc/chain.yaml, whose ad-hoc action
 * `gift_line` is based on the ad-hoc action `price_line`, compares its ASL
 * with chain.asl.json and runs the cases of chain.runs.json on the local engine.
 */

const folder = join(__dirname, 'adhoc');
const yamlPath = join(folder, 'chain.yaml');
const source = readFileSync(yamlPath, 'utf8');
const expectedAsl = JSON.parse(readFileSync(join(folder, 'chain.asl.json'), 'utf8')) as Record<string, unknown>;
const runs = JSON.parse(readFileSync(join(folder, 'chain.runs.json'), 'utf8')) as CorpusRuns;
const compiled = compileFile(source, { file: 'test/corpus/adhoc/chain.yaml', actions: ['shop.quote'] });
const workflow = compiled.workflows.find((candidate) => candidate.metadata?.name === 'shop-price');
const entry: CorpusEntry = { name: 'adhoc/chain', yamlPath, source, expectedAsl, runs };

function codesOf(actions: string): string[] {
  const body = "version: '2.0'\nname: wb\nactions:\n" + actions + 'workflows:\n  w:\n    tasks:\n      t:\n        action: outer\n';
  return compileFile(body, { file: 'inline.yaml', actions: ['shop.quote'] }).diagnostics.map((d) => `${d.code}:${d.start.line}:${d.start.column}`);
}

describe('ad-hoc action based on an ad-hoc action', () => {
  it('compiles without diagnostics', () => {
    expect(compiled.diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.code}`)).toStrictEqual([]);
  });

  it('compiles to the expected ASL', () => {
    expect({ 'shop-price': workflow?.asl }).toStrictEqual(expectedAsl);
  });

  it('calls the first base that is not ad-hoc', () => {
    expect(workflow?.metadata?.actions).toStrictEqual(['shop.quote']);
  });

  it.each(runs.cases.map((c) => [c.name, c] as const))('runs %s', async (_name, corpusCase) => {
    if (!workflow?.asl || !workflow.metadata) throw new Error('The workbook test/corpus/adhoc/chain.yaml did not compile.');

    const outcome = await runCorpusCase(workflow.asl, workflow.metadata, entry, corpusCase);

    expect({ status: outcome.status, error: outcome.error }).toStrictEqual({ status: corpusCase.status, error: corpusCase.error });
    if (corpusCase.status === 'SUCCEEDED') expect(outcome.output).toStrictEqual(corpusCase.output);
    for (const [service, requests] of Object.entries(corpusCase.calls ?? {})) {
      expect({ [service]: outcome.calls[service] ?? [] }).toStrictEqual({ [service]: requests });
    }
  });

  it('reports a cycle at each base', () => {
    const codes = codesOf('  outer:\n    base: inner\n  inner:\n    base: outer\n');

    expect(codes).toContain('SRC2112:5:11');
    expect(codes).toContain('SRC2112:7:11');
  });

  it('names the action forms for a task that calls a cycle', () => {
    const body = "version: '2.0'\nname: wb\nactions:\n  outer:\n    base: outer\nworkflows:\n  w:\n    tasks:\n      t:\n        action: outer\n";
    const unknown = compileFile(body, { file: 'inline.yaml', actions: ['shop.quote'] }).diagnostics.find((d) => d.code === 'SRC1108');

    expect(unknown?.message).toBe(
      "Unknown action 'outer': name an action <system>.<name>, which lambdas/actions/<system>/<name>.ts implements, or a valid ad-hoc action of this file.",
    );
  });

  it('reports a missing inner input at base', () => {
    const codes = codesOf('  outer:\n    base: inner\n  inner:\n    base: shop.quote\n    base-input: {item: <% $.item %>}\n    input: [item]\n');

    expect(codes).toStrictEqual(['SRC2113:5:11']);
  });

  it('reports an unknown inner input at base', () => {
    const codes = codesOf('  outer:\n    base: inner colour=red\n  inner:\n    base: shop.quote\n    input: []\n');

    expect(codes).toStrictEqual(['SRC2107:5:11']);
  });
});
