import type { LambdaInvokeResult, LocalServices } from '../../lib/local/engine';

/** An action Lambda stand-in: returns the task result, or throws to fail the action. */
export type Handler = (event: Record<string, unknown>) => unknown;

/**
 * LocalServices for engine tests whose workflows call only Lambda functions.
 * Each function name maps to a handler, and every payload is kept by name.
 */
export class HandlerServices implements LocalServices {
  readonly events = new Map<string, Record<string, unknown>[]>();

  constructor(public handlers: Record<string, Handler> = {}) {}

  async invokeLambda(functionName: string, payload: unknown): Promise<LambdaInvokeResult> {
    const event = payload as Record<string, unknown>;
    this.events.set(functionName, [...(this.events.get(functionName) ?? []), event]);
    try {
      return { statusCode: 200, payload: this.handlers[functionName](event), executedVersion: '$LATEST' };
    } catch (error) {
      const { name, message } = error as Error;
      return { statusCode: 200, payload: { errorType: name, errorMessage: message }, functionError: 'Unhandled' };
    }
  }

  async snsPublish(): Promise<{ MessageId: string }> {
    throw new Error('SNS is not used by these workflows.');
  }

  async sesSendEmail(): Promise<{ MessageId: string }> {
    throw new Error('SES is not used by these workflows.');
  }

  async dynamodb(): Promise<Record<string, unknown>> {
    throw new Error('DynamoDB is not used by these workflows.');
  }
}
