export { Engine } from './engine';
export { FakeClock, SystemClock } from './clock';
export { validateDefinition } from './validation/validate-definition';
export * from './types';
