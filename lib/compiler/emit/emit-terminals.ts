import type { SourceRange } from '../../diagnostics/diagnostic';
import type { ValueTree } from '../../dsl/model';
import { renderBound, type Bindings } from './bindings';
import { comment, failError, type EmitContext } from './context';
import { jsonataString, renderTemplate, toAslValue } from './jsonata-text';

/**
 * Emits the Fail state of a `fail` command. `Cause` is the message when one
 * is given. After on-error without a message, the caught error passes through.
 */
export function emitFail(
  message: ValueTree | undefined,
  bindings: Bindings,
  afterCatch: boolean,
  from: string,
  range: SourceRange,
  context: EmitContext,
): Record<string, unknown> {
  const state: Record<string, unknown> = { Type: 'Fail', Comment: comment(context, range.start.line) };
  const render = (expression: Parameters<typeof renderBound>[0]) => renderBound(expression, bindings);

  if (message === undefined && afterCatch) {
    state.Error = '{% $states.input.Error %}';
    state.Cause = '{% $states.input.Cause %}';
    return state;
  }

  state.Error = failError;
  if (message === undefined) state.Cause = `Task '${from}' transitioned to fail.`;
  else if (message.kind === 'literal') state.Cause = toAslValue({ kind: 'literal', value: String(message.value) }, render);
  else if (message.kind === 'expression') state.Cause = jsonataString(`$string(${render(message.expression)})`);
  else if (message.kind === 'template') state.Cause = jsonataString(renderTemplate(message.parts, render));

  return state;
}

/** Emits a Succeed state that returns the workflow output. */
export function emitSucceed(output: unknown, line: number, context: EmitContext): Record<string, unknown> {
  return { Type: 'Succeed', Comment: comment(context, line), Output: output };
}

/** Emits the Pass state that ends a branch and hands its published values to the join. */
export function emitBranchExit(output: unknown, line: number, context: EmitContext): Record<string, unknown> {
  return { Type: 'Pass', Comment: comment(context, line), Output: output, End: true };
}
