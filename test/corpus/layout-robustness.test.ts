import { compileFile } from '../../lib/compiler';
import { knownActions, readText } from '../compiler/helpers';

/** Corpus files of the Mistral layouts and forms, damaged one line at a time. */
const files = [
  'test/corpus/layouts/workflows.yaml',
  'test/corpus/layouts/workbook.yaml',
  'test/corpus/adhoc/notify.yaml',
  'test/corpus/subworkflow/orders.yaml',
  'test/corpus/reverse.yaml',
  'test/corpus/inline-parameters.yaml',
  'test/corpus/expressions.yaml',
  'test/corpus/defaults.yaml',
];

function damagedVariants(text: string): string[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => [
    lines.filter((_, other) => other !== index).join('\n'),
    lines.map((other, at) => (at === index ? line.slice(0, Math.floor(line.length / 2)) : other)).join('\n'),
    lines.map((other, at) => (at === index ? line.replace(/[a-z]/, '=') : other)).join('\n'),
  ]);
}

describe('compileFile on damaged files', () => {
  it.each(files)('%s reports no internal error', (file) => {
    const internal = damagedVariants(readText(file))
      .map((source) => compileFile(source, { file, actions: knownActions }))
      .flatMap((result) => result.diagnostics)
      .filter((diagnostic) => diagnostic.code === 'SRC1999')
      .map((diagnostic) => diagnostic.message);

    expect(internal).toStrictEqual([]);
  });
});
