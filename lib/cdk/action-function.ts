import { existsSync } from 'node:fs';

import { Duration, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

import { actionEntry } from './action-naming';

export interface ActionFunctionProps {
  /** Action implemented by the function, as `<system>.<name>`. */
  action: string;
  /** Folder of the action handlers, `lambdas/actions` of the project. */
  actionsDir: string;
  /** Folder of package-lock.json and node_modules, used by esbuild. */
  projectRoot: string;
  /** Base URL of the action's external system, passed as env `SYSTEM_URL`. */
  systemUrl: string;
  /** History table, whose name is passed as env `HISTORY_TABLE`. */
  historyTable: dynamodb.ITable;
  /**
   * Retention of the function's log group.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  logRetention?: logs.RetentionDays;
}

/**
 * Lambda runtime of every action function: the newest Node.js runtime of
 * aws-cdk-lib 2.278, which cdk-nag rule AwsSolutions-L1 requires. It is named
 * explicitly so that a CDK upgrade never changes it unreviewed.
 */
export const ACTION_RUNTIME = lambda.Runtime.NODEJS_26_X;

/**
 * The Lambda function of one action, bundled by the local esbuild from
 * `lambdas/actions/<system>/<name>.ts`, with the AWS SDK v3 left to the runtime.
 */
export class ActionFunction extends Construct {
  readonly action: string;
  readonly function: nodejs.NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ActionFunctionProps) {
    super(scope, id);
    this.action = props.action;

    const entry = actionEntry(props.actionsDir, props.action);
    if (!existsSync(entry)) {
      throw new Error(`Action "${props.action}" has no handler: create ${entry} exporting "handler".`);
    }

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of action ${props.action}`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: `Sirocco action ${props.action}`,
      entry,
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
        SYSTEM_URL: props.systemUrl,
        HISTORY_TABLE: props.historyTable.tableName,
        POWERTOOLS_SERVICE_NAME: props.action,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        externalModules: ['@aws-sdk/*'],
      },
    });

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions, ' +
        'so active tracing needs Resource "*".',
    });
  }
}
