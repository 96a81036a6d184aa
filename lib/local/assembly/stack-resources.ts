import type { ScheduleResource } from '../scheduler/read-schedules';

/** Resources of a synthesized stack, with every intrinsic function resolved to local values. */

export interface LambdaFunctionResource {
  logicalId: string;
  functionName: string;
  arn: string;
  /** `file.export`, such as `index.handler`. */
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memorySize: number;
  description?: string;
  environment: Record<string, string>;
  /** Absolute path of the bundled code folder, from `Metadata['aws:asset:path']`. */
  assetPath?: string;
}

export interface StateMachineResource {
  logicalId: string;
  name: string;
  arn: string;
  /** ASL JSON text with `DefinitionSubstitutions` already applied. */
  definition: string;
  type: string;
  roleArn: string;
}

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface SecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

export interface TableResource {
  logicalId: string;
  tableName: string;
  arn: string;
  keySchema: KeySchemaElement[];
  attributeDefinitions: { AttributeName: string; AttributeType: string }[];
  globalSecondaryIndexes: SecondaryIndex[];
  localSecondaryIndexes: SecondaryIndex[];
  billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  timeToLiveAttribute?: string;
  pointInTimeRecovery: boolean;
}

export interface TopicSubscription {
  protocol: string;
  endpoint: string;
}

export interface TopicResource {
  logicalId: string;
  name: string;
  arn: string;
  /** Inline subscriptions and `AWS::SNS::Subscription` resources of this topic. */
  subscriptions: TopicSubscription[];
}

export interface EventTarget {
  id: string;
  arn: string;
  input?: string;
  inputPath?: string;
  inputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  /** ARN of the SQS queue in the target's `DeadLetterConfig`, which receives the events whose delivery failed. */
  deadLetterQueueArn?: string;
}

export interface EventRuleResource {
  logicalId: string;
  name: string;
  arn: string;
  eventBusName: string;
  eventPattern?: Record<string, unknown>;
  enabled: boolean;
  targets: EventTarget[];
}

export interface ApiRoute {
  /** Resource path template, such as `/approvals/{id}`, or `$default` for an HTTP API's catch-all route. */
  resourcePath: string;
  /** HTTP method, or `ANY`. */
  httpMethod: string;
  integrationType: string;
  /** Name of the Lambda function behind an `AWS_PROXY` integration. */
  functionName?: string;
  /** Lambda proxy event format: `1.0` for REST APIs, `2.0` by default for HTTP APIs. */
  payloadFormatVersion: '1.0' | '2.0';
}

export interface RestApiResource {
  logicalId: string;
  id: string;
  name: string;
  /** `REST` for `AWS::ApiGateway::RestApi`, `HTTP` for `AWS::ApiGatewayV2::Api`. */
  protocol: 'REST' | 'HTTP';
  stageNames: string[];
  binaryMediaTypes: string[];
  routes: ApiRoute[];
}

export interface UnsupportedResource {
  logicalId: string;
  type: string;
}

export interface StackResources {
  stackName: string;
  templatePath: string;
  functions: LambdaFunctionResource[];
  stateMachines: StateMachineResource[];
  tables: TableResource[];
  topics: TopicResource[];
  eventRules: EventRuleResource[];
  /** EventBridge Scheduler schedules. readStack always sets it, and resource lists built by hand may leave it out. */
  schedules?: ScheduleResource[];
  restApis: RestApiResource[];
  /** Resources the runtime does not run locally, such as IAM roles and policies. */
  unsupported: UnsupportedResource[];
  /** References that resolved to placeholders. */
  warnings: string[];
}
