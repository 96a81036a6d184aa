/**
 * Compile time of a generated 1,000-task workflow against the YAML parse time
 * of the same file. Run with `npx tsx bench/compile.ts [taskCount]`.
 */
import { parseDocument } from 'yaml';
import { compileWorkflow } from '../lib/compiler';

const taskCount = Number(process.argv[2] ?? 1000);
const rounds = 5;

/**
 * Builds a workflow of `count` tasks: a chain in which every tenth task
 * forks into two single-task branches joined by the next task, and every
 * task publishes a value that the next one reads.
 */
function generateWorkflow(count: number): string {
  const lines = ["version: '2.0'", 'name: generated', 'input:', '  - seed', 'tasks:'];
  let previous = 'seed';
  let index = 0;

  const task = (name: string, read: string, next: string[], join = false) => {
    lines.push(`  ${name}:`);
    if (join) lines.push('    join: all');
    lines.push('    action: bench.step', '    input:', `      value: <% $${read} %>`, '    publish:', `      ${name}_out: <% $result.value + 1 %>`);
    if (next.length > 0) lines.push(`    on-success: [${next.join(', ')}]`);
  };

  while (index < count) {
    const name = `t${index}`;
    const remaining = count - index;
    if (index % 10 === 0 && remaining >= 4) {
      task(name, previous, [`t${index + 1}`, `t${index + 2}`]);
      task(`t${index + 1}`, `${name}_out`, [`t${index + 3}`]);
      task(`t${index + 2}`, `${name}_out`, [`t${index + 3}`]);
      const joinName = `t${index + 3}`;
      task(joinName, `t${index + 1}_out`, remaining > 4 ? [`t${index + 4}`] : [], true);
      previous = `${joinName}_out`;
      index += 4;
      continue;
    }
    task(name, previous, remaining > 1 ? [`t${index + 1}`] : []);
    previous = `${name}_out`;
    index += 1;
  }

  return `${lines.join('\n')}\n`;
}

function bestOf(run: () => void): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

const source = generateWorkflow(taskCount);
const check = compileWorkflow(source, { file: 'generated.yaml', actions: ['bench.step'] });
const errors = check.diagnostics.filter((d) => d.severity === 'error');
if (errors.length > 0) throw new Error(`The generated workflow does not compile: ${errors[0].message}`);

const parseMs = bestOf(() => parseDocument(source));
const compileMs = bestOf(() => compileWorkflow(source, { file: 'generated.yaml', actions: ['bench.step'] }));

console.log(`tasks: ${taskCount}, YAML: ${(source.length / 1024).toFixed(0)} KiB, best of ${rounds} rounds`);
console.log(`yaml parseDocument: ${parseMs.toFixed(1)} ms`);
console.log(`compileWorkflow:    ${compileMs.toFixed(1)} ms`);
console.log(`ratio compile/parse: ${(compileMs / parseMs).toFixed(1)}`);
