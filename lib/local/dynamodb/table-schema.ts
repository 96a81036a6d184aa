import type { TableDescription } from '@aws-sdk/client-dynamodb';

import type { TableResource } from '../assembly/stack-resources';

interface KeyElement {
  AttributeName?: string;
  KeyType?: string;
}

interface KeyedIndex {
  IndexName?: string;
  KeySchema?: KeyElement[];
}

/** Describes the keys and indexes of an existing table, such as `key (pk, sk) and indexes byStatus (gsi2pk, gsi2sk)`. */
export function tableSchemaOf(table: TableDescription): string {
  return schemaText(table.KeySchema ?? [], [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])]);
}

/** Describes the keys and indexes that the template declares for a table, in the form of tableSchemaOf. */
export function templateSchemaOf(table: TableResource): string {
  return schemaText(table.keySchema, [...table.globalSecondaryIndexes, ...table.localSecondaryIndexes]);
}

function schemaText(keySchema: KeyElement[], indexes: KeyedIndex[]): string {
  const key = `key ${keyText(keySchema)}`;
  if (indexes.length === 0) return `${key} and no index`;

  const indexTexts = indexes.map((index) => `${index.IndexName} ${keyText(index.KeySchema ?? [])}`).sort();
  return `${key} and indexes ${indexTexts.join(', ')}`;
}

/** Lists the hash key, then the range key, as `(pk, sk)`. */
function keyText(keySchema: KeyElement[]): string {
  const hash = keySchema.find((element) => element.KeyType === 'HASH')?.AttributeName;
  const range = keySchema.find((element) => element.KeyType === 'RANGE')?.AttributeName;
  return `(${[hash, range].filter(Boolean).join(', ')})`;
}
