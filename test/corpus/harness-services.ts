import { ServiceError, type LambdaInvokeResult, type LocalServices, type StepFunctionsApi } from '../../lib/local/engine';
import type { ActionResponse, ActionResponses } from './harness-cases';

/** Error of a Lambda call whose action has no response in the runs file. */
export const missingResponseError = 'Corpus.MissingResponse';

/**
 * Fake Lambda, SNS and SES services for corpus runs. A Lambda call returns
 * the next response for the action of the calling task.
 * A call with a task token returns at once and then completes the token
 * through SendTaskSuccess or SendTaskFailure, as a callback Lambda would.
 */
export class CorpusServices implements LocalServices {
  /** Requests by action or service name, in call order. */
  readonly calls: Record<string, unknown[]> = {};
  /** Callbacks sent but not yet accepted by the engine. */
  pendingCallbacks = 0;
  engine?: StepFunctionsApi;

  private readonly callCounts = new Map<string, number>();

  constructor(
    private readonly responses: Record<string, ActionResponses>,
    private readonly actionOfTask: ReadonlyMap<string, string>,
  ) {}

  async invokeLambda(functionName: string, payload: unknown): Promise<LambdaInvokeResult> {
    const event = payload as { task?: string; input?: unknown; token?: string };
    const action = this.actionOfTask.get(event.task ?? '') ?? functionName;
    this.record(action, event.input);
    const response = this.nextResponse(action);

    if (event.token !== undefined) {
      this.sendCallback(event.token, response, action);
      return { statusCode: 200, payload: {}, executedVersion: '$LATEST' };
    }
    if (!response) return lambdaError(missingResponseError, `No response for action '${action}' in the runs file.`);
    if ('error' in response) return lambdaError(response.error, response.message ?? '');
    if ('pending' in response) return lambdaError('Corpus.InvalidResponse', `Action '${action}' has no task token, so it cannot stay pending.`);
    return { statusCode: 200, payload: response.result, executedVersion: '$LATEST' };
  }

  async snsPublish(request: Record<string, unknown>): Promise<{ MessageId: string }> {
    return this.callService('sns:publish', request);
  }

  async sesSendEmail(request: Record<string, unknown>): Promise<{ MessageId: string }> {
    return this.callService('sesv2:sendEmail', request);
  }

  /** Records a service request and returns a numbered MessageId, or raises the declared error. */
  private callService(service: string, request: Record<string, unknown>): { MessageId: string } {
    this.record(service, request);
    const response = this.nextResponse(service);
    if (response && 'error' in response) throw new ServiceError(response.error, response.message ?? '');
    if (response && 'pending' in response) throw new Error(`Service '${service}' has no task token, so it cannot stay pending.`);

    return { MessageId: `${service}-${this.calls[service].length}` };
  }

  async dynamodb(): Promise<Record<string, unknown>> {
    throw new Error('The corpus harness fakes no DynamoDB: no corpus workflow calls it directly.');
  }

  private record(name: string, request: unknown): void {
    this.calls[name] = [...(this.calls[name] ?? []), request];
  }

  private nextResponse(action: string): ActionResponse | undefined {
    const declared = this.responses[action];
    if (!Array.isArray(declared)) return declared;

    const index = this.callCounts.get(action) ?? 0;
    this.callCounts.set(action, index + 1);
    return declared[Math.min(index, declared.length - 1)];
  }

  private sendCallback(taskToken: string, response: ActionResponse | undefined, action: string): void {
    const engine = this.engine;
    if (!engine) throw new Error('CorpusServices.engine must be set before an execution starts.');
    if (response && 'pending' in response) return;

    this.pendingCallbacks += 1;
    setImmediate(() => {
      let request: Record<string, string> = { taskToken, error: missingResponseError, cause: `No response for action '${action}' in the runs file.` };
      if (response && 'error' in response) request = { taskToken, error: response.error, cause: response.message ?? '' };
      if (response && 'result' in response) request = { taskToken, output: JSON.stringify(response.result) };
      const operation = 'output' in request ? 'SendTaskSuccess' : 'SendTaskFailure';
      engine
        .call(operation, request)
        // The engine rejects a token whose task already timed out or ended, as AWS does.
        .catch(() => undefined)
        .finally(() => {
          this.pendingCallbacks -= 1;
        });
    });
  }
}

function lambdaError(errorType: string, errorMessage: string): LambdaInvokeResult {
  return { statusCode: 200, payload: { errorType, errorMessage }, functionError: 'Unhandled', executedVersion: '$LATEST' };
}
