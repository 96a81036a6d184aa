import { StatesError, StatesErrorName } from '../errors';
import type { StateContext, StateOutcome } from './state-context';
import { completeState } from './state-output';

/**
 * Takes the first rule whose `Condition` is true. The state's `Assign` applies
 * whichever rule matches, together with the matching rule's own `Assign`. A
 * rule's `Output` replaces the state's.
 */
export async function runChoice(context: StateContext): Promise<StateOutcome> {
  const { state } = context;
  const rules = state.Choices ?? [];

  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const condition = await context.evaluate(rule.Condition, `Choices[${i}].Condition`);
    if (typeof condition !== 'boolean') {
      throw new StatesError(
        StatesErrorName.QueryEvaluationError,
        `The Condition of Choices[${i}] in state '${context.frame.stateName}' returned ${JSON.stringify(condition)}. It must return a boolean.`,
      );
    }
    if (condition) {
      // NOTE: a name in both Assign blocks takes the rule's value, which the Step Functions docs do not settle.
      const fields = {
        Assign: { ...state.Assign, ...rule.Assign },
        Output: rule.Output ?? state.Output,
      };
      return completeState(context, fields, {}, context.input, rule.Next);
    }
  }

  if (state.Default === undefined) {
    throw new StatesError(
      StatesErrorName.NoChoiceMatched,
      `No Choice rule of state '${context.frame.stateName}' matched and it has no Default.`,
    );
  }
  return completeState(context, state, {}, context.input, state.Default);
}
