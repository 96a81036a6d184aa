import { join } from 'node:path';

import { Duration, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

import type { Substitution } from '../compiler/types';
import { ACTION_RUNTIME } from './action-function';

/** Handler file under lambdas/std of each Lambda-backed standard action. */
const STD_ENTRIES: Readonly<Record<string, string>> = {
  'std.http': 'http.ts',
  'std.async_noop': 'callback-token.ts',
  // Not an action that workflows name: `pause-before` compiles to a call of this function.
  'std.pause': 'pause.ts',
};

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
export class StdFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StdFunctionProps) {
    super(scope, id);
    const file = STD_ENTRIES[props.action];
    if (!file) throw new Error(`Standard action "${props.action}" has no function: only ${Object.keys(STD_ENTRIES).join(' and ')} run in Lambda.`);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of standard action ${props.action}`,
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }));

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: `Sirocco standard action ${props.action}`,
      entry: join(props.projectRoot, 'lambdas', 'std', file),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: ACTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      role,
      logGroup: this.logGroup,
      environment: {
        HISTORY_TABLE: props.historyTable.tableName,
        POWERTOOLS_SERVICE_NAME: props.action,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: { forceDockerBundling: false, minify: true, sourceMap: true, externalModules: ['@aws-sdk/*'] },
    });
    if (file === 'callback-token.ts' || file === 'pause.ts') {
      role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.historyTable.tableArn] }));
    }

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions, so active tracing needs Resource "*".',
    });
  }
}

/** Returns the standard actions that the substitutions of every workflow call through Lambda, sorted. */
export function listStdFunctionActions(substitutions: readonly Substitution[]): string[] {
  const actions = substitutions.flatMap((substitution) => (substitution.kind === 'std' ? [substitution.action] : []));
  return [...new Set(actions)].sort();
}
