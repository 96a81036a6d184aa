import { compileWorkflow } from '../../lib/compiler';
import { readFileSync } from 'fs';
import { relative } from 'path';

/**
 * Prints the ASL and diagnostics of one workflow, to review and save as its
 * expected `<name>.asl.json`: `npx tsx test/corpus/harness-print.ts test/corpus/<name>.yaml`.
 * Every action counts as known here, so the diagnostics leave out SRC1108.
 */
const path = process.argv[2];
if (!path) {
  console.error('Usage: npx tsx test/corpus/harness-print.ts <workflow.yaml>');
  process.exit(2);
}

const result = compileWorkflow(readFileSync(path, 'utf8'), { file: relative(process.cwd(), path) });
for (const d of result.diagnostics) console.error(`${d.file}:${d.start.line}:${d.start.column} ${d.severity} ${d.code}: ${d.message}`);
if (result.asl) console.log(JSON.stringify(result.asl, null, 2));
process.exit(result.asl ? 0 : 1);
