import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

import type { Substitution } from '../compiler/types';
import { BundledFunction } from './bundled-function';

/** Handler file under lambdas/std of each Lambda-backed standard action. */
const STD_ENTRIES: Readonly<Record<string, string>> = {
  'std.http': 'http.ts',
  'std.async_noop': 'callback-token.ts',
  // Not an action that workflows name: `pause-before` compiles to a call of this function.
  'std.pause': 'pause.ts',
};

/** Standard actions whose function writes the task token's row to the history table. */
const TOKEN_WRITERS = new Set(['std.async_noop', 'std.pause']);

export interface StdFunctionProps {
  /** Standard action that the function runs, such as `std.http`. */
  action: string;
  /** Folder of package-lock.json, node_modules and lambdas/. */
  projectRoot: string;
  /** History table: its name goes in env `HISTORY_TABLE`, and the callback-token function writes to it. */
  historyTable: dynamodb.ITable;
  /**
   * Retention of the function's log group.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  logRetention?: logs.RetentionDays;
}

/**
 * The Lambda function of a standard action, bundled from lambdas/std and
 * shared by every workflow that uses the action.
 */
export class StdFunction extends BundledFunction {
  constructor(scope: Construct, id: string, props: StdFunctionProps) {
    super(scope, id, {
      entry: `std/${stdEntry(props.action)}`,
      description: `Sirocco standard action ${props.action}`,
      roleDescription: `Execution role of standard action ${props.action}`,
      projectRoot: props.projectRoot,
      logRetention: props.logRetention,
      environment: {
        HISTORY_TABLE: props.historyTable.tableName,
        POWERTOOLS_SERVICE_NAME: props.action,
      },
    });

    if (TOKEN_WRITERS.has(props.action)) {
      this.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.historyTable.tableArn] }));
    }
  }
}

function stdEntry(action: string): string {
  const file = STD_ENTRIES[action];
  if (!file) throw new Error(`Standard action "${action}" has no function: only ${Object.keys(STD_ENTRIES).join(' and ')} run in Lambda.`);
  return file;
}

/** Returns the standard actions that the substitutions of every workflow call through Lambda, sorted. */
export function listStdFunctionActions(substitutions: readonly Substitution[]): string[] {
  const actions = substitutions.flatMap((substitution) => (substitution.kind === 'std' ? [substitution.action] : []));
  return [...new Set(actions)].sort();
}
