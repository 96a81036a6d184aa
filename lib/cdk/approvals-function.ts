import { join } from 'node:path';

import { Duration } from 'aws-cdk-lib';
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

/** Lambda runtime of the approval functions. */
export const APPROVALS_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * One approval handler, bundled by the local esbuild for ARM64 with active tracing and its
 * own log group. Its role starts with only the right to write logs, and the Approvals
 * construct grants the rest.
 */
export class ApprovalsFunction extends Construct {
  readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: ApprovalsFunctionProps) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: logs.RetentionDays.THREE_MONTHS,
    });

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
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'sirocco-approvals',
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
}
