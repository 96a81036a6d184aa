import { StatesError } from '../errors';
import { ServiceError } from '../types';

/** Runs a service call and turns its ServiceError into the Task's StatesError. */
export async function callService<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServiceError) {
      throw new StatesError(error.errorName, error.causeText);
    }
    throw error;
  }
}
