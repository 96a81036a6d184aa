import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compileFile } from '../../lib/cli/commands/compile';
import { validateFiles } from '../../lib/cli/commands/validate';
import { compileWorkflowFile } from '../../lib/cli/compile-workflow-file';
import type { CliOutput } from '../../lib/cli/output';
import { repositoryRoot } from '../compiler/helpers';

const workbook = join(repositoryRoot, 'test/corpus/subworkflow/orders.yaml');
const workflowFile = join(repositoryRoot, 'test/corpus/layouts/workflows.yaml');
const actionsDir = mkdtempSync(join(tmpdir(), 'sirocco-actions-'));

function capture(): CliOutput & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, color: false, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

beforeAll(() => {
  for (const action of ['shop/ship', 'stock/pack', 'payment/charge', 'payment/refund']) {
    mkdirSync(join(actionsDir, action.split('/')[0]), { recursive: true });
    writeFileSync(join(actionsDir, `${action}.ts`), 'export const handler = async () => ({});\n');
  }
});

afterAll(() => rmSync(actionsDir, { recursive: true, force: true }));

describe('CLI on Mistral files', () => {
  it('compile prints ASL by name', () => {
    const output = capture();
    const code = compileFile(workbook, undefined, actionsDir, output);
    const printed = JSON.parse(output.out.join('')) as Record<string, { States: Record<string, { Resource?: string }> }>;

    expect(code).toBe(0);
    expect(output.err).toStrictEqual([]);
    expect(Object.keys(printed)).toStrictEqual(['orders-fulfil', 'orders-charge']);
    expect(printed['orders-fulfil'].States.charge_order.Resource).toBe('arn:aws:states:::states:startExecution.sync:2');
  });

  it('validate counts every workflow', () => {
    const output = capture();
    const code = validateFiles([workbook, workflowFile], actionsDir, output);

    expect(code).toBe(0);
    expect(output.out.join('')).toBe('4 workflows checked: 0 errors, 0 warnings.\n');
  });

  it('single-workflow commands ask for --workflow', () => {
    expect(() => compileWorkflowFile(workflowFile, actionsDir, capture())).toThrow(/contains 2 workflows: ship_order, refund_order/);
    expect(compileWorkflowFile(workflowFile, actionsDir, capture(), 'refund_order')?.metadata.name).toBe('refund_order');
  });
});
