import { DEFAULT_SYSTEMS } from '../cdk/sirocco-context';
import type { LambdaFunctionResource } from '../local/assembly/stack-resources';
import type { SampleSystems } from './sample-systems';

/**
 * Returns the local runtime's `environmentOverrides` that point every action
 * function configured with a sample system's default URL at the running
 * sample system, which may listen on another port.
 */
export function sampleSystemOverrides(systems: SampleSystems): (fn: LambdaFunctionResource) => Record<string, string> {
  const localUrls: Record<string, string> = {
    [DEFAULT_SYSTEMS.accounting]: systems.accountingUrl,
    [DEFAULT_SYSTEMS.bonus]: systems.bonusUrl,
  };

  return (fn): Record<string, string> => {
    const localUrl = localUrls[fn.environment.SYSTEM_URL ?? ''];
    return localUrl ? { SYSTEM_URL: localUrl } : {};
  };
}
