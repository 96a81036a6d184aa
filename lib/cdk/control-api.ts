import { Annotations, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IDependable } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

import { BY_STATUS_INDEX, BY_WORKFLOW_INDEX } from '../../lambdas/history/keys';
import type { WorkflowMetadata } from '../compiler/types';
import { BundledFunction } from './bundled-function';
import { CONTROL_FUNCTION_DESCRIPTION } from './control-function-description';
import { grantExecutionActions, grantItemActions, grantQuery } from './history-grants';

/** A deployed workflow: its compiler metadata and its state machine. */
export interface ControlApiWorkflow {
  metadata: WorkflowMetadata;
  stateMachine: sfn.IStateMachine;
}

export interface ControlApiProps {
  /** The history table, read for execution lists, task rows and approvals. */
  table: dynamodb.ITable;
  workflows: ControlApiWorkflow[];
  /**
   * Steady-state request rate of the stage, in requests per second.
   * @default 10
   */
  throttlingRateLimit?: number;
  /**
   * Maximum burst of requests of the stage.
   * @default 20
   */
  throttlingBurstLimit?: number;
  /**
   * Whether this API creates the account-level CloudWatch role that API
   * Gateway needs to write its access and execution logs. Only one API of a
   * stack should create it. Without it, another construct of the account
   * (such as Approvals) must have set that role before this stage deploys.
   * @default false
   */
  cloudWatchRole?: boolean;
  /**
   * The construct that creates the account-level CloudWatch role when
   * `cloudWatchRole` is false, such as the Approvals REST API. The stage
   * deploys after it, because API Gateway rejects a stage with logging
   * while the account has no such role.
   * @default no dependency
   */
  cloudWatchRoleProvider?: IDependable;
  /** @default the folder two levels above this file */
  projectRoot?: string;
}

// Lambda allows 4 KB of environment variables per function in total.
const MAX_CATALOG_BYTES = 3500;

/**
 * The control API: an API Gateway REST API with IAM (SigV4) authorization on
 * every method, proxying to one function that starts, lists, describes,
 * redrives and stops executions.
 */
export class ControlApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly handler: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: ControlApiProps) {
    super(scope, id);

    const control = new BundledFunction(this, 'Handler', {
      entry: 'control/api.ts',
      description: CONTROL_FUNCTION_DESCRIPTION,
      projectRoot: props.projectRoot,
      timeout: Duration.seconds(29),
      environment: {
        HISTORY_TABLE: props.table.tableName,
        WORKFLOWS: this.renderWorkflowCatalog(props.workflows),
        POWERTOOLS_SERVICE_NAME: 'sirocco-control',
      },
    });
    this.handler = control.function;
    this.grantHandler(props, control);

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
    });
    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'Sirocco control API: start, list, inspect, redrive and stop executions',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: props.cloudWatchRole ?? false,
      deployOptions: {
        stageName: 'v1',
        tracingEnabled: true,
        throttlingRateLimit: props.throttlingRateLimit ?? 10,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 20,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
    });
    this.addRoutes(new apigateway.LambdaIntegration(this.handler));
    if (props.cloudWatchRoleProvider) {
      this.api.deploymentStage.node.addDependency(props.cloudWatchRoleProvider);
    }
    this.acknowledgeFindings(props);
  }

  private acknowledgeFindings(props: ControlApiProps): void {
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'The callers are other systems with AWS credentials, so every method uses IAM (SigV4) ' +
        'authorization instead of a Cognito user pool.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Every method rejects requests without a valid SigV4 signature and the stage is throttled, ' +
        'so a WAF web ACL would add cost without blocking any further caller.',
    });
    if (props.cloudWatchRole) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'API Gateway documents this managed policy for the account-level role that writes its logs.',
      });
    }
  }

  /**
   * Adds the five routes. The request validator checks only what API Gateway
   * can see: the function validates the JSON bodies against the workflows' inputs.
   */
  private addRoutes(integration: apigateway.LambdaIntegration): void {
    const options: apigateway.MethodOptions = {
      requestValidator: this.api.addRequestValidator('RequestValidator', {
        validateRequestBody: true,
        validateRequestParameters: true,
      }),
    };
    const workflowExecutions = this.api.root
      .addResource('workflows')
      .addResource('{name}')
      .addResource('executions');
    workflowExecutions.addMethod('POST', integration, options);
    workflowExecutions.addMethod('GET', integration, options);

    const execution = this.api.root.addResource('executions').addResource('{id}');
    execution.addMethod('GET', integration, options);
    execution.addResource('redrive').addMethod('POST', integration, options);
    execution.addResource('stop').addMethod('POST', integration, options);
    execution.addResource('resume').addMethod('POST', integration, options);
    execution.addResource('tasks').addResource('{task}').addResource('complete').addMethod('POST', integration, options);
  }

  private grantHandler(props: ControlApiProps, control: BundledFunction): void {
    for (const { metadata, stateMachine } of props.workflows) {
      stateMachine.grantStartExecution(this.handler);
      stateMachine.grantTaskResponse(this.handler);
      grantExecutionActions(
        control.role,
        { workflowName: metadata.name, stateMachine },
        'states:DescribeExecution',
        'states:RedriveExecution',
        'states:StopExecution',
        'states:GetExecutionHistory',
      );
    }
    grantItemActions(props.table, this.handler, 'dynamodb:GetItem', 'dynamodb:DeleteItem');
    grantQuery(props.table, this.handler, [BY_WORKFLOW_INDEX, BY_STATUS_INDEX]);
  }

  /** Writes the WORKFLOWS variable: declared inputs and task names by workflow. */
  private renderWorkflowCatalog(workflows: ControlApiWorkflow[]): string {
    const catalog: Record<string, unknown> = {};
    for (const { metadata, stateMachine } of workflows) {
      catalog[metadata.name] = {
        stateMachineArn: stateMachine.stateMachineArn,
        input: metadata.input,
        tasks: metadata.tasks.map((task) => task.name),
        approvalTasks: metadata.tasks
          .filter((task) => task.action === 'std.approval')
          .map((task) => task.name),
        ...(metadata.stateTasks ? { stateTasks: metadata.stateTasks } : {}),
      };
    }

    const rendered = Stack.of(this).toJsonString(catalog);
    // TODO: move the catalog to an SSM parameter or an asset once it outgrows the environment.
    const estimatedBytes = JSON.stringify(catalog).length;
    if (estimatedBytes > MAX_CATALOG_BYTES) {
      Annotations.of(this).addWarningV2(
        'sirocco:controlApiCatalogSize',
        `The WORKFLOWS variable takes about ${estimatedBytes} bytes, close to the 4 KB limit of Lambda environment variables: deploy fewer workflows per stack.`,
      );
    }
    return rendered;
  }
}
