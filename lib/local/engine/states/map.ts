import { StatesError, StatesErrorName } from '../errors';
import { runChildFrames } from '../execution/child-frames';
import type { StateContext, StateOutcome } from './state-context';
import { completeState, nextOf } from './state-output';

async function evaluateItems(context: StateContext): Promise<unknown[]> {
  const items = context.state.Items === undefined ? context.input : await context.evaluate(context.state.Items, 'Items');
  if (!Array.isArray(items)) {
    throw new StatesError(
      StatesErrorName.QueryEvaluationError,
      `The Items of Map state '${context.frame.stateName}' evaluated to ${JSON.stringify(items)}. It must be a JSON array.`,
    );
  }
  return items;
}

async function evaluateMaxConcurrency(context: StateContext): Promise<number> {
  const field = context.state.MaxConcurrency;
  const value = field === undefined ? 0 : await context.evaluate(field, 'MaxConcurrency');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new StatesError(
      StatesErrorName.QueryEvaluationError,
      `The MaxConcurrency of Map state '${context.frame.stateName}' is ${JSON.stringify(value)}. It must be a non-negative integer.`,
    );
  }
  return value;
}

/**
 * Runs the ItemProcessor once per item as a child frame, each with its own
 * variable scope. The result is the iterations' outputs in item order.
 */
export async function runMap(context: StateContext): Promise<StateOutcome> {
  const { run, frame, state } = context;
  const maxConcurrency = await evaluateMaxConcurrency(context);

  if (frame.phase?.kind !== 'children') {
    const items = await evaluateItems(context);
    const childIds: string[] = [];
    for (let index = 0; index < items.length; index++) {
      const mapItem = { index, value: items[index] };
      let input = items[index];
      if (state.ItemSelector !== undefined) {
        input = await context.evaluate(state.ItemSelector, 'ItemSelector', { mapItem });
      }
      const child = run.createChildFrame(frame, {
        location: [...frame.location, frame.stateName, 'map'],
        index,
        stateName: state.ItemProcessor!.StartAt,
        stateInput: input,
        status: 'PENDING',
      });
      childIds.push(child.id);
    }
    frame.phase = { kind: 'children', childIds };
    run.addEvent(frame, 'MapStateStarted', { length: items.length });
    await run.checkpoint(true);
  }

  const iterationDetails = (child: { index?: number }) => ({ name: frame.stateName, index: child.index });
  let result: unknown[];
  try {
    result = await runChildFrames(run, frame, frame.phase.childIds, maxConcurrency, context.signal, {
      started: (child) => run.addEvent(child, 'MapIterationStarted', iterationDetails(child)),
      succeeded: (child) => run.addEvent(child, 'MapIterationSucceeded', iterationDetails(child)),
      failed: (child) => run.addEvent(child, 'MapIterationFailed', iterationDetails(child)),
      aborted: (child) => run.addEvent(child, 'MapIterationAborted', iterationDetails(child)),
    });
  } catch (error) {
    if (!context.signal.aborted) {
      run.addEvent(frame, 'MapStateFailed');
    }
    throw error;
  }
  run.addEvent(frame, 'MapStateSucceeded');

  return completeState(context, state, { result }, result, nextOf(state));
}
