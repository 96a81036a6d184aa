import type { RestApiResource, StackResources } from '../local/assembly/stack-resources';

/** One deployed workflow as the web view lists it. */
export interface WorkflowSummary {
  name: string;
  stateMachineArn: string;
  /** The ASL definition with its substitutions applied. */
  definition: { StartAt: string; States: Record<string, Record<string, unknown>> };
  /** Declared inputs, from the control API's workflow catalog. An input without `default` is required. */
  input: { name: string; default?: unknown }[];
  /** Task names in source order, or the state names when the catalog does not list the workflow. */
  tasks: string[];
  approvalTasks: string[];
  /** Task of each state that the compiler copied, by state name. */
  stateTasks: Record<string, string>;
}

/** Resources of the synthesized stacks that the web view reads. */
export interface WebViewResources {
  workflows: WorkflowSummary[];
  /** Stage path of the control API (`/v1`), or undefined when the app has no control API. */
  controlStagePath?: string;
  /** Stage path of the approvals API (`/prod`), where the approval links point. */
  approvalsStagePath?: string;
  /** The history table, from the control API function's `HISTORY_TABLE`. */
  historyTable?: string;
}

interface CatalogEntry {
  input?: { name: string; default?: unknown }[];
  tasks?: string[];
  approvalTasks?: string[];
  stateTasks?: Record<string, string>;
}

/**
 * Reads the workflows, the control and approvals APIs and the history table
 * from the stacks. The control API function's `WORKFLOWS` variable is the
 * catalog of inputs and tasks that the status API itself uses.
 */
export function readWebViewResources(stacks: StackResources[]): WebViewResources {
  const functions = stacks.flatMap((stack) => stack.functions);
  const restApis = stacks.flatMap((stack) => stack.restApis);
  const controlFunction = functions.find((fn) => fn.environment.WORKFLOWS !== undefined);
  const catalog = parseCatalog(controlFunction?.environment.WORKFLOWS);

  const workflows = stacks
    .flatMap((stack) => stack.stateMachines)
    .map((machine): WorkflowSummary => {
      const definition = JSON.parse(machine.definition) as WorkflowSummary['definition'];
      const entry = catalog[machine.name] ?? {};
      return {
        name: machine.name,
        stateMachineArn: machine.arn,
        definition,
        input: entry.input ?? [],
        tasks: entry.tasks ?? Object.keys(definition.States),
        approvalTasks: entry.approvalTasks ?? [],
        stateTasks: entry.stateTasks ?? {},
      };
    })
    .sort((left, right) => left.name.localeCompare(right.name));

  return {
    workflows,
    controlStagePath: stagePathOf(restApis, '/executions/{id}'),
    approvalsStagePath: stagePathOf(restApis, '/approvals/{id}'),
    historyTable: controlFunction?.environment.HISTORY_TABLE,
  };
}

function stagePathOf(restApis: RestApiResource[], resourcePath: string): string | undefined {
  const api = restApis.find((candidate) => candidate.routes.some((route) => route.resourcePath === resourcePath));
  if (!api) return undefined;

  const stage = api.stageNames[0];
  return stage ? `/${stage}` : '';
}

function parseCatalog(text: string | undefined): Record<string, CatalogEntry> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, CatalogEntry>;
  } catch {
    return {};
  }
}
