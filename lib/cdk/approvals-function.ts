import { join } from 'node:path';

import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ApprovalsFunctionProps {
  /** Handler file in `lambdas/approvals/`, such as `page.ts`. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  timeout: Duration;
  /** Folder of package.json, package-lock.json and lambdas/. */
  projectRoot: string;
}

/**
 * Lambda runtime of the approval functions: the newest Node.js runtime of aws-cdk-lib 2.278,
 * which cdk-nag rule AwsSolutions-L1 requires.
 */
export const APPROVALS_RUNTIME = lambda.Runtime.NODEJS_26_X;

/**
 * One approval handler, bundled by the local esbuild for ARM64 with active tracing and its
 * own log group. Its role starts with only the right to write that log group, and the
 * Approvals construct grants the rest.
 */
export class ApprovalsFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ApprovalsFunctionProps) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: logs.RetentionDays.THREE_MONTHS,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      entry: join(props.projectRoot, 'lambdas', 'approvals', props.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      runtime: APPROVALS_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: props.timeout,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'sirocco-approvals',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        // The Node.js Lambda runtimes include AWS SDK v3.
        externalModules: ['@aws-sdk/*'],
      },
    });
  }

  /** Acknowledges the cdk-nag finding for statements whose resource must be "*". */
  acknowledgeWildcardResources(reason: string): void {
    Validations.of(this.role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
  }
}
