import type { NamedValue, Task, ValueTree } from '../../dsl/model';
import type { ExpressionNode } from '../../dsl/expression';
import { parseExpression } from '../../dsl/expression';
import { resultVariable } from '../graph/check-variables';

/** Returns whether a path step is a plain field name, without a filter, an index or a group. */
function isFieldStep(step: ExpressionNode): boolean {
  return step.type === 'name' && !step.predicate && !step.stages && !step.group;
}

/** Returns whether the AST is `$result.field…`: `$result` followed only by field names. */
function isResultFieldPath(ast: ExpressionNode): boolean {
  if (ast.type !== 'path' || ast.group) return false;

  const [head, ...fields] = ast.steps as ExpressionNode[];
  const plainHead = head?.type === 'variable' && head.value === resultVariable && !head.predicate && !head.stages;
  return plainHead && fields.length > 0 && fields.every(isFieldStep);
}

/**
 * Returns the publish value of a with-items task as a list where Mistral
 * gives one. The result of such a task is the list of item results, and
 * JSONata maps `$result.field` over it, but returns nothing for an empty
 * list, which fails the state, and the single value for one item. The
 * array constructor `[$result.field]` returns `[]` and `[value]` in those
 * cases and the same array otherwise, because it appends an array's items
 * (jsonata 2.0.6). Other expressions keep their meaning as written.
 */
function publishedList(value: ValueTree): ValueTree {
  if (value.kind !== 'expression' || !isResultFieldPath(value.expression.ast)) return value;

  const text = `[${value.expression.text}]`;
  const parsed = parseExpression(text);
  if (!('ast' in parsed)) return value;

  return { kind: 'expression', expression: { ...value.expression, text, ast: parsed.ast } };
}

/** Returns the `publish` entries of a task, with the values of a with-items task that read a field of every item as lists. */
export function publishEntriesOf(task: Task): NamedValue[] {
  if (!task.withItems) return task.publish;

  return task.publish.map((entry) => ({ ...entry, value: publishedList(entry.value) }));
}
