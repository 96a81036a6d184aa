import type { HttpError } from '../../../lambdas/control/http';
import type { ControlRequest } from './control-call';

type MessageRewrite = (error: HttpError, request: ControlRequest) => string;

// API errors whose messages name the Idempotency-Key header, URL-encoded ARNs or
// API-only ways forward, reworded for the CLI options and commands that carry the same values.
const REWRITES: Record<string, MessageRewrite> = {
  InvalidIdempotencyKey: (_error, request) =>
    `Execution name "${request.headers?.['Idempotency-Key']}" is invalid: use 1 to 80 letters, digits, "-" and "_", such as a UUID.`,
  IdempotencyKeyReused: (_error, request) =>
    `Execution name "${request.headers?.['Idempotency-Key']}" was already used with another input: pass a new --name for a new run, or the same input to get the first run.`,
  TaskIsApproval: (_error, request) =>
    `Task "${request.pathParameters?.task}" is a std.approval task, so 'sirocco complete' cannot decide it: open one of the approval links that 'sirocco status ${request.pathParameters?.id}' prints, and approve or reject there.`,
  AmbiguousExecutionName: (error, request) => {
    const arns = (error.details?.executionArns as string[] | undefined) ?? [];
    return `Several workflows have an execution named "${request.pathParameters?.id}": pass its ARN instead, one of ${arns.join(', ')}.`;
  },
};

/** Returns the message for a CLI user: the API's own, unless it names HTTP parts. */
export function cliMessageOf(error: HttpError, request: ControlRequest): string {
  const rewrite = REWRITES[error.code];
  return rewrite ? rewrite(error, request) : error.message;
}
