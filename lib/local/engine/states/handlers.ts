import type { StateType } from '../asl';
import { runChoice } from './choice';
import { runFail } from './fail';
import { runMap } from './map';
import { runParallel } from './parallel';
import { runPass } from './pass';
import type { StateHandler } from './state-context';
import { runSucceed } from './succeed';
import { runTask } from './task';
import { runWait } from './wait';

export const stateHandlers: Record<StateType, StateHandler> = {
  Task: runTask,
  Pass: runPass,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};
