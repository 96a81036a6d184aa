import { resolve } from 'node:path';

import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Lambda runtime of every Sirocco function: the newest Node.js runtime of
 * aws-cdk-lib 2.278, which cdk-nag rule AwsSolutions-L1 requires. It is named
 * explicitly so that a CDK upgrade never changes it unreviewed.
 */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_26_X;

export const XRAY_WILDCARD_REASON =
  'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions, ' +
  'so active tracing needs Resource "*".';

export interface BundledFunctionProps {
  /** Handler file exporting `handler`: absolute, or relative to the project's `lambdas/` folder. */
  entry: string;
  description: string;
  /** @default the function's description */
  roleDescription?: string;
  /**
   * Folder of package-lock.json, node_modules and lambdas/, used by esbuild.
   * @default the folder two levels above this file
   */
  projectRoot?: string;
  environment: Record<string, string>;
  /** @default Duration.seconds(30) */
  timeout?: Duration;
  /** @default logs.RetentionDays.THREE_MONTHS */
  logRetention?: logs.RetentionDays;
  /**
   * Reason that cdk-nag records for the role's statements with Resource "*".
   * @default XRAY_WILDCARD_REASON
   */
  wildcardReason?: string;
  /**
   * Queue for the asynchronous invocations, such as EventBridge's, that
   * failed every attempt or expired. Lambda sends the event as the message body.
   * @default no dead-letter queue
   */
  deadLetterQueue?: sqs.IQueue;
}

/**
 * One Sirocco Lambda function, bundled by the local esbuild for ARM64 with
 * active tracing, its own log group, and the AWS SDK v3 left to the runtime.
 * Its role starts with only the right to write that log group, and the owner
 * grants the rest.
 */
export class BundledFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    const projectRoot = props.projectRoot ?? resolve(__dirname, '..', '..');

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.roleDescription ?? props.description,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      entry: resolve(projectRoot, 'lambdas', props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: resolve(projectRoot, 'package-lock.json'),
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      deadLetterQueue: props.deadLetterQueue,
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        externalModules: ['@aws-sdk/*'],
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: props.wildcardReason ?? XRAY_WILDCARD_REASON,
    });
  }
}
