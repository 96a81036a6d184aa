import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { workflowNameOf } from '../history/execution-row';
import type { ControlContext } from './context';
import { HttpError } from './http';
import { isStepFunctionsError, toHttpError } from './step-functions-errors';
import { executionArnOf, type WorkflowEntry } from './workflow-catalog';

/** An execution that `{id}` named, with its workflow and current description. */
export interface FoundExecution {
  executionArn: string;
  workflow: string;
  entry: WorkflowEntry;
  description: DescribeExecutionCommandOutput;
}

/**
 * Finds the execution that `{id}` names: an execution ARN (URL-encoded or
 * not), or an execution name that only one deployed workflow has used.
 */
export async function findExecution(
  context: ControlContext,
  id: string | undefined,
): Promise<FoundExecution> {
  const decoded = decodeId(id);
  if (decoded.startsWith('arn:')) return findByArn(context, decoded);
  return findByName(context, decoded);
}

function decodeId(id: string | undefined): string {
  if (!id) {
    throw new HttpError(400, 'MissingExecutionId', 'The execution id is missing: use /executions/{name or URL-encoded ARN}.');
  }
  try {
    return id.includes('%') ? decodeURIComponent(id) : id;
  } catch {
    throw new HttpError(400, 'InvalidExecutionId', `The execution id "${id}" is not valid URL encoding: encode the ARN with encodeURIComponent.`);
  }
}

async function findByArn(context: ControlContext, executionArn: string): Promise<FoundExecution> {
  const parts = executionArn.split(':');
  if (parts.length !== 8 || parts[2] !== 'states' || parts[5] !== 'execution') {
    throw new HttpError(
      400,
      'InvalidExecutionId',
      `"${executionArn}" is not an execution ARN: use arn:aws:states:<region>:<account>:execution:<workflow>:<name>, or the execution name.`,
    );
  }
  const workflow = workflowNameOf(executionArn);
  const entry = context.workflows[workflow];
  if (!entry) {
    throw new HttpError(404, 'WorkflowNotFound', `Workflow "${workflow}" of execution "${executionArn}" is not deployed by Sirocco.`);
  }
  const description = await describeIfExists(context, executionArn);
  if (!description) {
    throw new HttpError(404, 'ExecutionDoesNotExist', `Execution "${executionArn}" does not exist.`);
  }
  return { executionArn, workflow, entry, description };
}

async function findByName(context: ControlContext, name: string): Promise<FoundExecution> {
  const candidates = await Promise.all(
    Object.entries(context.workflows).map(async ([workflow, entry]) => {
      const executionArn = executionArnOf(entry.stateMachineArn, name);
      const description = await describeIfExists(context, executionArn);
      return description ? { executionArn, workflow, entry, description } : undefined;
    }),
  );
  const found = candidates.filter((candidate) => candidate !== undefined);

  if (found.length === 0) {
    throw new HttpError(404, 'ExecutionDoesNotExist', `No workflow has an execution named "${name}".`);
  }
  if (found.length > 1) {
    throw new HttpError(
      409,
      'AmbiguousExecutionName',
      `Several workflows have an execution named "${name}": use its URL-encoded ARN instead.`,
      { executionArns: found.map((execution) => execution.executionArn) },
    );
  }
  return found[0];
}

/** Describes an execution, or returns undefined when it does not exist. */
export async function describeIfExists(
  context: ControlContext,
  executionArn: string,
): Promise<DescribeExecutionCommandOutput | undefined> {
  try {
    return await context.sfn.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    if (isStepFunctionsError(error, 'ExecutionDoesNotExist')) return undefined;
    throw toHttpError(error) ?? error;
  }
}
