import type { Fork } from '../graph/regions';
import { comment, failError, type EmitContext } from './context';
import type { AddState } from './emit-retry-loop';
import { jsonataString } from './jsonata-text';

interface Branch {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
}

/**
 * Wraps a branch in a one-branch Parallel whose Catch turns the branch's
 * failure into a `null` output, so that the other branches run on.
 */
function tolerateFailure(branch: Branch, name: string, line: number, context: EmitContext): Branch {
  const failedName = `${name}.failed`;
  context.stateNames.add(name);
  context.stateNames.add(failedName);

  return {
    StartAt: name,
    States: {
      [name]: {
        Type: 'Parallel',
        Comment: comment(context, line),
        Branches: [branch],
        Output: '{% $states.result[0] %}',
        Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% null %}', Next: failedName }],
        End: true,
      },
      [failedName]: { Type: 'Pass', Comment: comment(context, line), End: true },
    },
  };
}

/**
 * Turns the Parallel state of a fork closed by `join: <number>` or
 * `join: one` into its closest Step Functions form. Every branch runs to
 * its end, because a Parallel cannot cancel the slower ones. A failed
 * branch outputs `null` and its published values are `null`, and a Choice
 * after the Parallel fails the execution when fewer than `quorum` branches
 * succeeded.
 */
export function emitPartialJoin(fork: Fork, state: Record<string, unknown>, quorum: number, context: EmitContext, addState: AddState): void {
  const name = `join_${fork.join}`;
  const joinTask = context.byName.get(fork.join as string);
  const line = joinTask?.joinSpec?.range.start.line ?? 1;
  const branches = state.Branches as Branch[];

  state.Branches = branches.map((branch, index) => tolerateFailure(branch, `${name}.branch${index + 1}`, line, context));
  const assign = (state.Assign as Record<string, string> | undefined) ?? {};
  for (const [variable, value] of Object.entries(assign)) {
    assign[variable] = value.replace(/^\{% (\$states\.result\[\d+\])(\..+) %\}$/, '{% $1 = null ? null : $1$2 %}');
  }

  const quorumName = `${name}.quorum`;
  const failName = `${quorumName}.fail`;
  const succeeded = '$count($states.input[$ != null])';
  const cause =
    quorum === 1
      ? `None of the ${branches.length} branches that '${fork.join}' joins succeeded.`
      : `Fewer than ${quorum} of the ${branches.length} branches that '${fork.join}' joins succeeded.`;
  addState(quorumName, {
    Type: 'Choice',
    Comment: comment(context, line),
    Choices: [{ Condition: jsonataString(`${succeeded} >= ${quorum}`), Next: state.Next }],
    Default: failName,
  });
  addState(failName, { Type: 'Fail', Comment: comment(context, line), Error: failError, Cause: cause });
  state.Next = quorumName;
}
