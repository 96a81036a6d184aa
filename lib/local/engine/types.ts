/**
 * Contracts between the local Step Functions engine and the local services
 * (Lambda runner, DynamoDB, SNS and SES outbox) that the runtime wires in.
 */

/** Time source of the engine, replaced by a fake clock in tests. */
export interface Clock {
  now(): number;
  /** Resolves after `ms` milliseconds, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Result of one Lambda invocation, shaped like the Lambda Invoke API response. */
export interface LambdaInvokeResult {
  statusCode: number;
  /** Parsed JSON payload: the handler's return value, or `{errorType, errorMessage, trace?}`. */
  payload: unknown;
  /** `Unhandled` when the handler threw or timed out, as the Lambda API reports it. */
  functionError?: 'Unhandled' | 'Handled';
  executedVersion?: string;
}

/**
 * An error raised by a service call, carried into Step Functions as the
 * task's `Error` and `Cause` (for example `Lambda.ResourceNotFoundException`).
 */
export class ServiceError extends Error {
  constructor(
    readonly errorName: string,
    readonly causeText: string,
  ) {
    super(`${errorName}: ${causeText}`);
    this.name = 'ServiceError';
  }
}

/**
 * Local equivalents of the AWS services that the engine's Task states call.
 * Every method rejects with a ServiceError for a service-level failure.
 */
export interface LocalServices {
  /** Invoke a function by name, ARN or partial ARN. */
  invokeLambda(
    functionName: string,
    payload: unknown,
    signal: AbortSignal,
  ): Promise<LambdaInvokeResult>;

  /** SNS Publish with TopicArn or PhoneNumber; returns `{MessageId}`. */
  snsPublish(request: Record<string, unknown>): Promise<{ MessageId: string }>;

  /** SES v2 SendEmail; returns `{MessageId}`. */
  sesSendEmail(request: Record<string, unknown>): Promise<{ MessageId: string }>;

  /** DynamoDB `PutItem`, `GetItem`, `UpdateItem` or `DeleteItem` with the AWS request shape. */
  dynamodb(
    operation: 'PutItem' | 'GetItem' | 'UpdateItem' | 'DeleteItem',
    request: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
}

/** An EventBridge event, as Step Functions emits it for Standard workflows. */
export interface ExecutionStatusChangeEvent {
  version: '0';
  id: string;
  'detail-type': 'Step Functions Execution Status Change';
  source: 'aws.states';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
    startDate: number;
    stopDate: number | null;
    input: string | null;
    output: string | null;
    error: string | null;
    cause: string | null;
    redriveCount: number;
    redriveDate: number | null;
    redriveStatus: string;
    redriveStatusReason: string;
  };
}

/**
 * An error of the Step Functions API, returned over HTTP with the AWS JSON 1.0
 * error shape (`__type` is the error name, such as `ExecutionDoesNotExist`).
 */
export class StepFunctionsApiError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = 'StepFunctionsApiError';
  }
}

/**
 * The Step Functions API operations, with the request and response shapes of
 * the AWS JSON 1.0 protocol (`AWSStepFunctions.<Operation>`).
 */
export interface StepFunctionsApi {
  call(
    operation: string,
    request: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
}

export interface EngineOptions {
  /** Folder where state machines, executions and checkpoints persist. */
  dataDir: string;
  services: LocalServices;
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** Called for every execution status change, as EventBridge would deliver it. */
  onStatusChange?: (event: ExecutionStatusChangeEvent) => void | Promise<void>;
}
