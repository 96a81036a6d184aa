import type { ErrorObject } from 'ajv';
import schema from '../../schema/workflow.schema.json';

type Schema = Record<string, unknown>;

/** Plain words for the regular expressions of schema/workflow.schema.json. Other patterns are shown as they are. */
const patternWords: Record<string, string> = {
  '^[A-Za-z_][A-Za-z0-9_]*$': "a name of letters, digits and '_' that starts with a letter or '_'",
  '^[A-Za-z0-9_.-]+(\\s[\\s\\S]*)?$': "a name of letters, digits, '_', '.' and '-', optionally followed by inline parameters name=value",
  '^\\s*<%[\\s\\S]*%>\\s*$': 'one <% %> expression',
  '^[A-Za-z0-9_-]{1,80}$': "1 to 80 letters, digits, '_' or '-'",
  '^[0-9A-Za-z_.-]{1,64}$': "1 to 64 letters, digits, '_', '.' or '-'",
};

const typeWords: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  array: 'a list',
  null: 'an empty value',
};

const maxQuotedLength = 40;

/**
 * Builds the explanation of an ajv error for the SRC1006 message: the value
 * and what is wrong with it, what the schema expects in plain words, and the
 * schema's description as context. `anyValue` is set when no branch of a
 * oneOf or anyOf accepts the value, so that every branch is listed.
 */
export function explainSchemaError(error: ErrorObject, anyValue = false): string {
  const parent = (error.parentSchema ?? {}) as Schema;
  const expected = expectedOf(parent);
  const withoutQuotes = isNumericText(error.data) && /number/.test(expected) ? ' without quotes' : '';
  const description = typeof parent.description === 'string' ? `. ${parent.description.replace(/\.$/, '')}` : '';

  // A type error names the expected type once, as "expected a boolean, not 'maybe'", because "is not X, so write X" repeats it.
  if (!anyValue && error.keyword === 'type' && expected) {
    const unquote = withoutQuotes ? ', so write it without quotes' : '';
    return `expected ${expected}, not ${quoteValue(error.data)}${unquote}${description}`;
  }

  const problem = anyValue ? `${quoteValue(error.data)} is not allowed here` : problemOf(error);
  const fix = expected ? `, so write ${expected}${withoutQuotes} instead` : '';
  return `${problem}${fix}${description}`;
}

/** Describes what is wrong with the value, according to the failed keyword. */
function problemOf(error: ErrorObject): string {
  const value = quoteValue(error.data);
  const limit = String(error.params.limit);

  switch (error.keyword) {
    case 'type':
      return `${value} is not ${joinAlternatives(String(error.params.type).split(',').map((type) => typeWords[type] ?? type))}`;
    case 'const':
    case 'enum':
      return `${value} is not an allowed value`;
    case 'pattern':
      return `${value} is not in the expected form`;
    case 'minimum':
      return `${value} is below the minimum of ${limit}`;
    case 'maximum':
      return `${value} is above the maximum of ${limit}`;
    case 'exclusiveMinimum':
      return `${value} is not above ${limit}`;
    case 'exclusiveMaximum':
      return `${value} is not below ${limit}`;
    case 'minLength':
      return `${value} is shorter than ${limit} ${limit === '1' ? 'character' : 'characters'}`;
    case 'maxLength':
      return `${value} is longer than ${limit} characters`;
    case 'minItems':
      return `the list has fewer than ${limit} ${limit === '1' ? 'item' : 'items'}`;
    case 'maxItems':
      return `the list has more than ${limit} items`;
    case 'minProperties':
      return `the mapping has fewer than ${limit} ${limit === '1' ? 'key' : 'keys'}`;
    case 'maxProperties':
      return `the mapping has more than ${limit} ${limit === '1' ? 'key' : 'keys'}`;
    default:
      return `${value} ${error.message ?? 'is invalid'}`;
  }
}

/** Describes in plain words the values that a schema accepts, or returns '' when it cannot. */
export function expectedOf(node: Schema): string {
  const resolved = resolveReference(node);

  if ('const' in resolved) return quoteValue(resolved.const);
  if (Array.isArray(resolved.enum)) return joinAlternatives(resolved.enum.map(quoteValue));
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (Array.isArray(branches)) return joinAlternatives(branches.map((branch) => expectedOf(branch as Schema)).filter(Boolean));
  if (typeof resolved.pattern === 'string') return patternWords[resolved.pattern] ?? `text that matches the pattern ${resolved.pattern}`;

  const types = ([] as unknown[]).concat(resolved.type ?? []).map(String);
  if (types.length === 0) return '';
  if (types.length > 1) return joinAlternatives(types.map((type) => typeWords[type] ?? type));
  return withBounds(types[0], resolved);
}

/** Adds the bounds of a schema to the words of its type: 'a whole number from 1 to 99', 'a non-empty list'. */
function withBounds(type: string, node: Schema): string {
  const words = typeWords[type] ?? type;
  if (type === 'integer' || type === 'number') {
    const { minimum, maximum } = node;
    if (minimum !== undefined && maximum !== undefined) return `${words} from ${minimum} to ${maximum}`;
    if (minimum !== undefined) return `${words} of at least ${minimum}`;
    if (maximum !== undefined) return `${words} of at most ${maximum}`;
  }
  if (type === 'string' && node.minLength === 1) return 'a non-empty string';
  if (type === 'array' && node.minItems === 1) return 'a non-empty list';
  if (type === 'object' && node.minProperties === 1 && node.maxProperties === 1) return "a mapping with one 'key: value' pair";
  if (type === 'object') return "a mapping of 'key: value' pairs";

  return words;
}

/** Follows a local `$ref` such as '#/definitions/timeout' to its schema. */
export function resolveReference(node: Schema): Schema {
  const reference = node.$ref;
  if (typeof reference !== 'string' || !reference.startsWith('#/')) return node;

  let target: unknown = schema;
  for (const segment of reference.slice(2).split('/')) {
    target = (target as Schema | undefined)?.[segment];
  }
  return (target as Schema | undefined) ?? node;
}

/** Quotes a value as it reads in YAML: strings in single quotes, mappings and lists by their kind. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'string') {
    const text = value.length > maxQuotedLength ? `${value.slice(0, maxQuotedLength)}…` : value;
    return `'${text}'`;
  }
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function isNumericText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value));
}

/** Joins alternatives as "a, b or c". */
function joinAlternatives(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}
