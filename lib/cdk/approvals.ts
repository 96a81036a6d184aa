import { resolve } from 'node:path';

import { Aws, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

import { BundledFunction, XRAY_WILDCARD_REASON } from './bundled-function';

export interface ApprovalsProps {
  /** The history table, which contains the approval rows. */
  table: dynamodb.ITable;
  /**
   * State machines whose `std.approval` tasks the page function may complete.
   * More can be added with `addStateMachine`. At least one is required at synthesis.
   * @default none
   */
  stateMachines?: sfn.IStateMachine[];
  /**
   * Public base URL of the approval pages, such as a custom domain, without `/approvals`.
   * @default the URL of this construct's REST API stage
   */
  baseUrl?: string;
  /**
   * SES-verified address that approval emails come from. Without it, only phone numbers can
   * be approvers.
   * @default no email
   */
  fromEmail?: string;
  /**
   * Steady-state request rate of the stage, in requests per second.
   * @default 5
   */
  throttlingRateLimit?: number;
  /**
   * Maximum burst of requests of the stage.
   * @default 10
   */
  throttlingBurstLimit?: number;
  /**
   * Whether this API creates the account-level CloudWatch role that API Gateway needs to
   * write access logs. Only one API of an account needs it.
   * @default true
   */
  cloudWatchRole?: boolean;
  /** @default the folder two levels above this file */
  projectRoot?: string;
}

/** Stage of the approval API, part of every link. */
export const APPROVALS_STAGE_NAME = 'prod';

/**
 * Human approvals for `std.approval` tasks: the request function that the tasks invoke with
 * a task token, and a public REST API whose page function shows each approver's link (GET)
 * and decides it (POST) with SendTaskSuccess.
 */
export class Approvals extends Construct {
  /** Function for `${ApprovalRequestFunction}`, invoked with `lambda:invoke.waitForTaskToken`. */
  readonly requestFunction: nodejs.NodejsFunction;
  /** Function behind `GET` and `POST /approvals/{id}`. */
  readonly pageFunction: nodejs.NodejsFunction;
  readonly api: apigateway.RestApi;
  /** Base URL of the links (`<baseUrl>/approvals/<id>`). */
  readonly baseUrl: string;

  private readonly answeredStateMachines: sfn.IStateMachine[] = [];
  /**
   * Heartbeat rights of the request function, in a policy of their own: the request function
   * does not depend on it, so the state machines that invoke the function can reference it.
   */
  private readonly heartbeatPolicy: iam.Policy;

  constructor(scope: Construct, id: string, props: ApprovalsProps) {
    super(scope, id);
    const projectRoot = props.projectRoot ?? resolve(__dirname, '..', '..');

    this.api = this.createApi(props);
    this.baseUrl = props.baseUrl ?? this.stageUrl();

    const request = new BundledFunction(this, 'Request', {
      entry: 'approvals/request.ts',
      description: 'Sirocco approvals: stores and sends approval links',
      projectRoot,
      timeout: Duration.seconds(30),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'sirocco-approvals',
        HISTORY_TABLE: props.table.tableName,
        APPROVALS_BASE_URL: this.baseUrl,
        ...(props.fromEmail === undefined ? {} : { APPROVALS_FROM_EMAIL: props.fromEmail }),
      },
      wildcardReason: `${XRAY_WILDCARD_REASON} SNS Publish to a phone number has no resource ARN, so it needs "*" too.`,
    });
    this.requestFunction = request.function;
    this.heartbeatPolicy = new iam.Policy(this, 'TaskHeartbeatPolicy', { roles: [request.role] });

    // The timeout must stay below the claim lease of lambdas/approvals/link-state.ts (60 s).
    const page = new BundledFunction(this, 'Page', {
      entry: 'approvals/page.ts',
      description: 'Sirocco approvals: approval page and decisions',
      projectRoot,
      timeout: Duration.seconds(10),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'sirocco-approvals',
        HISTORY_TABLE: props.table.tableName,
        APPROVALS_BASE_URL: this.baseUrl,
      },
    });
    this.pageFunction = page.function;
    this.heartbeatPolicy.attachToRole(page.role);

    this.addRoutes();
    this.grantRequestFunction(props);
    this.grantTableItems(props.table, this.pageFunction, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    for (const stateMachine of props.stateMachines ?? []) {
      this.addStateMachine(stateMachine);
    }

    this.acknowledgeFindings(props);
    this.node.addValidation({
      validate: () =>
        this.answeredStateMachines.length > 0
          ? []
          : [
              'Approvals has no state machine to answer, so no decision could reach a workflow. ' +
                'Pass `stateMachines` or call `addStateMachine()` for each workflow with std.approval.',
            ],
    });
  }

  /**
   * Allows the page function to complete the tasks of a state machine, and the request
   * functions to probe them. Only the page function gets states:SendTaskSuccess and
   * states:SendTaskFailure. Both get states:SendTaskHeartbeat, which shows whether a task is
   * closed: the task of a previous group, or the task behind a link that is opened. All are scoped to the state machine ARN
   * like `StateMachine.grantTaskResponse` does, because IAM evaluates them against the state
   * machine of the task token.
   */
  addStateMachine(stateMachine: sfn.IStateMachine): void {
    this.answeredStateMachines.push(stateMachine);
    // NOTE: no handler sends SendTaskFailure yet, because a rejection is a result
    // (`approved: false`). The grant is for a future cancel decision.
    iam.Grant.addToPrincipal({
      grantee: this.pageFunction,
      actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
      resourceArns: [stateMachine.stateMachineArn],
    });
    this.heartbeatPolicy.addStatements(
      new iam.PolicyStatement({
        actions: ['states:SendTaskHeartbeat'],
        resources: [stateMachine.stateMachineArn],
      }),
    );
  }

  private createApi(props: ApprovalsProps): apigateway.RestApi {
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
    });

    return new apigateway.RestApi(this, 'Api', {
      description: 'Sirocco approval pages: one link per approver',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // API Gateway writes access logs only with an account-level CloudWatch role.
      cloudWatchRole: props.cloudWatchRole ?? true,
      deployOptions: {
        stageName: APPROVALS_STAGE_NAME,
        tracingEnabled: true,
        throttlingRateLimit: props.throttlingRateLimit ?? 5,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 10,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        // These fields log the route template `/approvals/{id}`, never the id, which is a credential.
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
    });
  }

  private addRoutes(): void {
    const integration = new apigateway.LambdaIntegration(this.pageFunction);
    const approval = this.api.root.addResource('approvals').addResource('{id}');
    const options: apigateway.MethodOptions = {
      requestParameters: { 'method.request.path.id': true },
      // No method has a body model, so body validation passes every form. The handler
      // parses and checks the body.
      requestValidator: this.api.addRequestValidator('RequestValidator', {
        validateRequestParameters: true,
        validateRequestBody: true,
      }),
    };

    approval.addMethod('GET', integration, options);
    approval.addMethod('POST', integration, options);
  }

  private acknowledgeFindings(props: ApprovalsProps): void {
    const linkIsCredential =
      'Approvers have no AWS or user pool identity: the 192-bit random id in the link is the ' +
      'credential, and only a same-origin POST with the CSRF token of the page decides.';
    Validations.of(this.api).acknowledge({ id: 'AwsSolutions-APIG4', reason: linkIsCredential });
    Validations.of(this.api).acknowledge({ id: 'AwsSolutions-COG4', reason: linkIsCredential });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logs can record the request path, which contains the approval id, a credential. ' +
        'Access logs are on and record the route template only.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Approval ids are unguessable and the stage is throttled, so a WAF web ACL would add cost ' +
        'without blocking any further caller.',
    });
    if (props.cloudWatchRole ?? true) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'API Gateway documents this managed policy for the account-level role that writes its logs.',
      });
    }
  }

  /**
   * Builds the stage URL from the RestApi id. `api.url` would reference the stage, which
   * depends on the methods and so on the page function: a circular reference.
   */
  private stageUrl(): string {
    return Fn.join('', [
      'https://',
      this.api.restApiId,
      '.execute-api.',
      Aws.REGION,
      '.',
      Aws.URL_SUFFIX,
      `/${APPROVALS_STAGE_NAME}`,
    ]);
  }

  /** Grants item actions on the table itself: the handlers query no index. */
  private grantTableItems(table: dynamodb.ITable, fn: nodejs.NodejsFunction, actions: string[]): void {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn] }));
  }

  private grantRequestFunction(props: ApprovalsProps): void {
    this.grantTableItems(props.table, this.requestFunction, ['dynamodb:PutItem', 'dynamodb:UpdateItem']);

    // SNS Publish to a phone number has no resource to name, so IAM needs "*" here.
    this.requestFunction.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
    );

    if (props.fromEmail !== undefined) {
      const domain = props.fromEmail.slice(props.fromEmail.lastIndexOf('@') + 1);
      const stack = Stack.of(this);
      this.requestFunction.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [props.fromEmail, domain].map((identity) =>
            stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
          ),
        }),
      );
    }
  }
}
