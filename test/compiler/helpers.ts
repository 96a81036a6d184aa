import { readFileSync } from 'fs';
import { join } from 'path';

export const repositoryRoot = join(__dirname, '..', '..');

export function readText(path: string): string {
  return readFileSync(join(repositoryRoot, path), 'utf8');
}

export function readJson(path: string): unknown {
  return JSON.parse(readText(path));
}

/** Actions that exist for the workflows under test/fixtures/compiler and workflows/. */
export const knownActions = [
  'accounting.salary_base',
  'accounting.record_payroll',
  'bonus.calculate',
  'shop.receive',
  'shop.ship',
  'shop.quote',
  'shop.review',
  'shop.accept',
  'shop.check',
  'shop.archive',
  'shop.notify',
  'stock.reserve',
  'stock.pack',
  'payment.charge',
  'payment.refund',
  'data.left',
  'data.more',
  'data.right',
  'data.merge',
  'ledger.open',
  'ledger.import',
  'ledger.post',
];
