import { actionSystemOf } from '../../lambdas/shared/system-url';
import type { LambdaFunctionResource } from '../local/assembly/stack-resources';
import type { SampleSystems } from './sample-systems';

/** The `SYSTEM_URL` of each action function of a sample system. */
export interface SampleSystemOverrides {
  /** Returns the environment variables that the runtime sets on `fn` in place of the assembly's. */
  environmentOf(fn: LambdaFunctionResource): Record<string, string>;
  /** Returns the line that names each system URL of `functions` that the samples replace, or undefined when none changes. */
  describe(functions: LambdaFunctionResource[]): string | undefined;
}

/**
 * Points the action functions of the systems `accounting` and `bonus` at the
 * running sample systems, whatever URL the assembly gives them, if any. An
 * action function and its system are recognised by the `<system>.` prefix of
 * the action in `POWERTOOLS_SERVICE_NAME`.
 */
export function sampleSystemOverrides(systems: SampleSystems): SampleSystemOverrides {
  const sampleUrls: Record<string, string> = { accounting: systems.accountingUrl, bonus: systems.bonusUrl };
  const sampleSystemOf = (fn: LambdaFunctionResource): string | undefined => {
    const system = actionSystemOf(fn.environment);
    return system !== undefined && system in sampleUrls ? system : undefined;
  };

  return {
    environmentOf(fn): Record<string, string> {
      const system = sampleSystemOf(fn);
      return system === undefined ? {} : { SYSTEM_URL: sampleUrls[system] };
    },

    describe(functions) {
      const replaced = new Map<string, string>();
      for (const fn of functions) {
        const system = sampleSystemOf(fn);
        if (system !== undefined && fn.environment.SYSTEM_URL !== sampleUrls[system]) {
          replaced.set(system, fn.environment.SYSTEM_URL ?? '(no URL in cdk.json)');
        }
      }
      if (replaced.size === 0) return undefined;

      const changes = [...replaced].sort().map(([system, url]) => `${system} ${url} with ${sampleUrls[system]}`);
      return `Replaced the system URLs with the sample systems: ${changes.join(', ')}. Pass --no-samples to call the URLs of cdk.json.`;
    },
  };
}
