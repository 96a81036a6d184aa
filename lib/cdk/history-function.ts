import { join, resolve } from 'node:path';

import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface HistoryFunctionProps {
  /** Handler file relative to the project's `lambdas/` folder, such as `history/recorder.ts`. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  /**
   * Folder of package.json, package-lock.json and lambdas/.
   * @default the folder two levels above this file
   */
  projectRoot?: string;
  /** @default Duration.seconds(30) */
  timeout?: Duration;
  /** @default logs.RetentionDays.THREE_MONTHS */
  logRetention?: logs.RetentionDays;
}

/**
 * Lambda runtime of the history, alert and control functions: the newest
 * Node.js runtime of aws-cdk-lib 2.278, which cdk-nag rule AwsSolutions-L1 requires.
 */
export const HISTORY_RUNTIME = lambda.Runtime.NODEJS_26_X;

/**
 * One operations Lambda function (recorder, alert or control API), bundled by
 * the local esbuild for ARM64 with active tracing. Its role starts with only
 * the right to write its own log group, and the owning construct grants the rest.
 */
export class HistoryFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HistoryFunctionProps) {
    super(scope, id);
    const projectRoot = props.projectRoot ?? resolve(__dirname, '..', '..');

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      entry: join(projectRoot, 'lambdas', props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: HISTORY_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        externalModules: ['@aws-sdk/*'],
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions, ' +
        'so active tracing needs Resource "*".',
    });
  }
}
