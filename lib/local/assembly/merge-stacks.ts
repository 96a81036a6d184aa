import { LocalLog } from '../log';
import { StackResources } from './stack-resources';

/** Combines the resources of every stack, because the local services serve them all together. */
export function mergeStacks(stacks: StackResources[]): StackResources {
  return {
    stackName: stacks.map((stack) => stack.stackName).join(','),
    templatePath: '',
    functions: stacks.flatMap((stack) => stack.functions),
    stateMachines: stacks.flatMap((stack) => stack.stateMachines),
    tables: stacks.flatMap((stack) => stack.tables),
    topics: stacks.flatMap((stack) => stack.topics),
    eventRules: stacks.flatMap((stack) => stack.eventRules),
    schedules: stacks.flatMap((stack) => stack.schedules ?? []),
    restApis: stacks.flatMap((stack) => stack.restApis),
    unsupported: stacks.flatMap((stack) => stack.unsupported),
    warnings: stacks.flatMap((stack) => stack.warnings),
  };
}

/** Logs the resource types that do not run locally and the references that resolved to placeholders. */
export function reportAssembly(stacks: StackResources[], log: LocalLog): void {
  for (const stack of stacks) {
    const types = [...new Set(stack.unsupported.map((resource) => resource.type))];
    if (types.length > 0) {
      log.write('runtime', `${stack.stackName}: not run locally: ${types.join(', ')}.`);
    }
    stack.warnings.forEach((warning) => log.write('runtime', `${stack.stackName}: ${warning}`));
  }
}
