export { compileWorkflow, type CompileOptions } from './compile-workflow';
export { compileFile, type FileCompileResult } from './compile-file';
export type * from './types';
