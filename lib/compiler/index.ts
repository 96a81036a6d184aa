export { compileWorkflow, type CompileOptions } from './compile-workflow';
export type * from './types';
