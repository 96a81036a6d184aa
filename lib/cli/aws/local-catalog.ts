import { readAssembly } from '../../local/assembly/read-assembly';
import { mergeStacks } from '../../local/assembly/merge-stacks';
import { LOCAL_LOCATION } from '../../local/aws-names';
import { apiUrlRewriter } from '../../local/api-url-rewrite';
import { UsageError } from '../exit-codes';
import { catalogFromEnvironment, type ControlCatalog } from './catalog';

/**
 * Reads the catalog from the cloud assembly that the local runtime runs,
 * with names and ARNs resolved the way the runtime resolves them. Approval
 * links point at the local API Gateway at `apiEndpoint`.
 */
export function readLocalCatalog(assemblyDir: string, apiEndpoint: string): ControlCatalog {
  let resources;
  try {
    resources = mergeStacks(readAssembly(assemblyDir, LOCAL_LOCATION));
  } catch (error) {
    throw new UsageError(`Failed to read the cloud assembly ${assemblyDir}. ${(error as Error).message} To read another folder, pass --assembly DIR.`);
  }

  const control = resources.functions.find((fn) => 'WORKFLOWS' in fn.environment && 'HISTORY_TABLE' in fn.environment);
  if (!control) {
    throw new UsageError(`The cloud assembly ${assemblyDir} has no control API function: add the ControlApi construct to the stack.`);
  }
  const catalog = catalogFromEnvironment(control.environment, assemblyDir);

  const approvals = resources.functions.find((fn) => fn.environment.APPROVALS_BASE_URL);
  const rewrite = apiUrlRewriter(resources.restApis, LOCAL_LOCATION, apiEndpoint.replace(/\/+$/, ''));
  const approvalsBaseUrl = approvals ? rewrite(approvals.environment.APPROVALS_BASE_URL) : undefined;

  return { ...catalog, approvalsBaseUrl };
}
