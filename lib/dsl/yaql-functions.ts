/**
 * YAQL functions that have a JSONata equivalent with the same arguments,
 * by name, with the JSONata text that replaces the name. `len` works on
 * strings and collections in YAQL, so it becomes a lambda that picks
 * `$length` or `$count` by type.
 */
export const yaqlFunctions: Record<string, string> = {
  len: '(function($v) { $type($v) = "string" ? $length($v) : $count($v) })',
  not: '$not',
  str: '$string',
  float: '$number',
  bool: '$boolean',
  keys: '$keys',
  sum: '$sum',
  abs: '$abs',
  round: '$round',
};

/** The JSONata form to suggest for YAQL and Mistral calls that the compiler does not translate. */
export const untranslatedHints: Record<string, string> = {
  where: 'a JSONata filter such as $orders[total > 100]',
  select: 'a JSONata map step such as $orders.(total * 2)',
};

/** Hint for YAQL lambdas (`x => x + 1`), which JSONata writes as functions. */
export const lambdaHint = 'a JSONata function such as function($x) { $x + 1 }';
