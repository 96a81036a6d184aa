/**
 * EventBridge event pattern matching: exact values, arrays of alternatives,
 * nested fields, `prefix`, `suffix`, `equals-ignore-case`, `wildcard`,
 * `anything-but`, `exists`, `numeric` and `$or`. An event field that is an
 * array matches when any of its elements matches.
 */
export function matchesEventPattern(pattern: Record<string, unknown>, event: unknown): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') {
      return (expected as Record<string, unknown>[]).some((alternative) => matchesEventPattern(alternative, event));
    }

    const value = isObject(event) ? event[key] : undefined;
    if (Array.isArray(expected)) {
      return matchesLeaf(expected, value);
    }
    if (isObject(expected)) {
      return isObject(value) && matchesEventPattern(expected, value);
    }
    throw new Error(`Event pattern field '${key}' must be an array or an object, but it is ${JSON.stringify(expected)}.`);
  });
}

function matchesLeaf(matchers: unknown[], value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];

  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) {
      return (value !== undefined) === Boolean(matcher.exists);
    }
    return value !== undefined && values.some((item) => matchesValue(matcher, item));
  });
}

function matchesValue(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) {
    return matcher === value;
  }

  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return matchesText(operand, value, (text, part) => text.startsWith(part));
    case 'suffix':
      return matchesText(operand, value, (text, part) => text.endsWith(part));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(operand).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardExpression(String(operand)).test(value);
    case 'anything-but':
      return !matchesAnythingBut(operand, value);
    case 'numeric':
      return typeof value === 'number' && matchesNumeric(operand as (string | number)[], value);
    default:
      throw new Error(`Event pattern operator ${JSON.stringify(matcher)} is not supported locally.`);
  }
}

/** Applies `prefix` or `suffix`, whose operand is a string or `{equals-ignore-case: string}`. */
function matchesText(operand: unknown, value: unknown, test: (text: string, part: string) => boolean): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  if (isObject(operand) && 'equals-ignore-case' in operand) {
    return test(value.toLowerCase(), String(operand['equals-ignore-case']).toLowerCase());
  }
  return test(value, String(operand));
}

/** Returns whether `value` is one of the excluded values, so that `anything-but` rejects it. */
function matchesAnythingBut(operand: unknown, value: unknown): boolean {
  if (Array.isArray(operand)) {
    return operand.includes(value);
  }
  if (isObject(operand)) {
    return matchesValue(operand, value);
  }
  return operand === value;
}

function matchesNumeric(conditions: (string | number)[], value: number): boolean {
  for (let index = 0; index < conditions.length; index += 2) {
    const operator = conditions[index];
    const bound = Number(conditions[index + 1]);
    const satisfied =
      (operator === '=' && value === bound) ||
      (operator === '<' && value < bound) ||
      (operator === '<=' && value <= bound) ||
      (operator === '>' && value > bound) ||
      (operator === '>=' && value >= bound);
    if (!satisfied) {
      return false;
    }
  }
  return true;
}

function wildcardExpression(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
