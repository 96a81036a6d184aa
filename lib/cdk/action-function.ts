import { existsSync } from 'node:fs';

import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

import { actionEntry } from './action-naming';
import { BundledFunction } from './bundled-function';

export interface ActionFunctionProps {
  /** Action implemented by the function, as `<system>.<name>`. */
  action: string;
  /** Folder of the action handlers, `lambdas/actions` of the project. */
  actionsDir: string;
  /** Folder of package-lock.json and node_modules, used by esbuild. */
  projectRoot: string;
  /**
   * Base URL of the action's external system, passed as env `SYSTEM_URL`.
   * Without it the function gets no `SYSTEM_URL`, which suits an action that calls no system.
   */
  systemUrl?: string;
  /** History table, whose name is passed as env `HISTORY_TABLE`. */
  historyTable: dynamodb.ITable;
  /**
   * Retention of the function's log group.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  logRetention?: logs.RetentionDays;
}

/** The Lambda function of one action, bundled from `lambdas/actions/<system>/<name>.ts`. */
export class ActionFunction extends BundledFunction {
  readonly action: string;

  constructor(scope: Construct, id: string, props: ActionFunctionProps) {
    super(scope, id, {
      entry: existingEntry(props),
      description: `Sirocco action ${props.action}`,
      roleDescription: `Execution role of action ${props.action}`,
      projectRoot: props.projectRoot,
      logRetention: props.logRetention,
      environment: {
        ...(props.systemUrl === undefined ? {} : { SYSTEM_URL: props.systemUrl }),
        HISTORY_TABLE: props.historyTable.tableName,
        POWERTOOLS_SERVICE_NAME: props.action,
      },
    });
    this.action = props.action;
  }
}

function existingEntry(props: ActionFunctionProps): string {
  const entry = actionEntry(props.actionsDir, props.action);
  if (!existsSync(entry)) {
    throw new Error(`Action "${props.action}" has no handler: create ${entry} exporting "handler".`);
  }
  return entry;
}
