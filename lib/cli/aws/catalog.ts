import { parseWorkflowCatalog, type WorkflowCatalog } from '../../../lambdas/control/workflow-catalog';
import { UsageError } from '../exit-codes';

/** The deployed workflows, the history table and the approval page URL that the execution commands use. */
export interface ControlCatalog {
  workflows: WorkflowCatalog;
  tableName: string;
  approvalsBaseUrl?: string;
}

/**
 * Reads the catalog from the environment of the control API function, which
 * the ControlApi construct writes: WORKFLOWS and HISTORY_TABLE.
 */
export function catalogFromEnvironment(environment: Record<string, string>, source: string): ControlCatalog {
  const tableName = environment.HISTORY_TABLE;
  if (!tableName) {
    throw new UsageError(`The control API function of ${source} has no HISTORY_TABLE variable: deploy the ControlApi construct.`);
  }

  let workflows: WorkflowCatalog;
  try {
    workflows = parseWorkflowCatalog(environment.WORKFLOWS);
  } catch (error) {
    throw new UsageError(`The control API function of ${source} has an invalid WORKFLOWS variable: ${(error as Error).message}`);
  }
  return { workflows, tableName };
}
