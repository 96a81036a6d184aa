import { compileWorkflow } from '../../lib/compiler';
import { knownActions, readText } from './helpers';

const salary = readText('workflows/salary.yaml');
const lines = salary.split('\n');

/** Damaged copies of salary.yaml: each line removed, indented or with `%>` removed, and the file cut every 11 characters. */
function damagedSources(): [string, string][] {
  const sources: [string, string][] = [];
  for (let index = 0; index < lines.length; index++) {
    sources.push([`without line ${index + 1}`, lines.filter((_, other) => other !== index).join('\n')]);
    sources.push([`line ${index + 1} indented`, lines.map((line, other) => (other === index ? ` ${line}` : line)).join('\n')]);
    sources.push([`line ${index + 1} unclosed`, lines.map((line, other) => (other === index ? line.replace('%>', '') : line)).join('\n')]);
  }
  for (let length = 0; length < salary.length; length += 11) {
    sources.push([`cut at ${length}`, salary.slice(0, length)]);
  }
  return sources;
}

describe('compiler robustness', () => {
  it('reports damaged salary.yaml without internal errors', () => {
    const internal: string[] = [];
    for (const [name, source] of damagedSources()) {
      const result = compileWorkflow(source, { file: 'salary.yaml', actions: knownActions });
      const failure = result.diagnostics.find((diagnostic) => diagnostic.code === 'SRC1999');
      if (failure) internal.push(`${name}: ${failure.message}`);
    }

    expect(internal).toStrictEqual([]);
  });
});
