import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

import type { WorkflowMetadata } from '../compiler/types';
import { HistoryFunction } from './history-function';

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

    const control = new HistoryFunction(this, 'Handler', {
      entry: 'control/api.ts',
      description: 'Sirocco control API',
      projectRoot: props.projectRoot,
      timeout: Duration.seconds(29),
      environment: {
        HISTORY_TABLE: props.table.tableName,
        WORKFLOWS: this.renderWorkflowCatalog(props.workflows),
        POWERTOOLS_SERVICE_NAME: 'sirocco-control',
      },
    });
    this.handler = control.function;
    this.grantHandler(props);

    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'Sirocco control API: start, list, inspect, redrive and stop executions',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: false,
      deployOptions: {
        stageName: 'v1',
        tracingEnabled: true,
        throttlingRateLimit: props.throttlingRateLimit ?? 10,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 20,
      },
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
    });
    this.addRoutes(new apigateway.LambdaIntegration(this.handler));
  }

  private addRoutes(integration: apigateway.LambdaIntegration): void {
    const workflowExecutions = this.api.root
      .addResource('workflows')
      .addResource('{name}')
      .addResource('executions');
    workflowExecutions.addMethod('POST', integration);
    workflowExecutions.addMethod('GET', integration);

    const execution = this.api.root.addResource('executions').addResource('{id}');
    execution.addMethod('GET', integration);
    execution.addResource('redrive').addMethod('POST', integration);
    execution.addResource('stop').addMethod('POST', integration);
  }

  private grantHandler(props: ControlApiProps): void {
    for (const workflow of props.workflows) {
      workflow.stateMachine.grantStartExecution(this.handler);
      workflow.stateMachine.grantExecution(
        this.handler,
        'states:DescribeExecution',
        'states:RedriveExecution',
        'states:StopExecution',
        'states:GetExecutionHistory',
      );
    }
    props.table.grant(this.handler, 'dynamodb:Query', 'dynamodb:GetItem');
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
