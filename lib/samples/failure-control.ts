/** A rule that makes the next `times` matching requests fail. */
export interface FailureRule {
  /** Path prefix to match, such as `/payroll` or `/employees/E1001/`. */
  path: string;
  /** HTTP method to match; any method when absent. */
  method?: string;
  /** Status code of the injected response. */
  status: number;
  /** Number of matching requests that fail before the rule is used up. */
  times: number;
  /** Delay before the injected response, in milliseconds, to provoke client timeouts. */
  delayMs: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  status: number;
}

/**
 * Failure injection and call records of one sample system, driven by tests
 * through the `/_control/*` endpoints.
 */
export class FailureControl {
  private rules: FailureRule[] = [];
  private recorded: RecordedCall[] = [];

  addRule(rule: FailureRule): void {
    this.rules.push(rule);
  }

  /** Returns the rule that applies to a request and uses up one of its `times`. */
  takeFailure(method: string, path: string): FailureRule | undefined {
    const rule = this.rules.find(
      (candidate) =>
        candidate.times > 0 &&
        path.startsWith(candidate.path) &&
        (candidate.method === undefined || candidate.method === method),
    );
    if (rule) {
      rule.times -= 1;
      this.rules = this.rules.filter((candidate) => candidate.times > 0);
    }
    return rule;
  }

  record(call: RecordedCall): void {
    this.recorded.push(call);
  }

  /** Returns every recorded call and the number of calls per `METHOD /path`. */
  calls(): { calls: RecordedCall[]; counts: Record<string, number> } {
    const counts: Record<string, number> = {};
    for (const call of this.recorded) {
      const key = `${call.method} ${call.path}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return { calls: [...this.recorded], counts };
  }

  reset(): void {
    this.rules = [];
    this.recorded = [];
  }
}

/**
 * Parses the body of `POST /_control/fail`.
 * Throws an error that names the invalid field.
 */
export function parseFailureRule(body: unknown): FailureRule {
  const request = (body ?? {}) as Record<string, unknown>;
  const { path, method, status = 500, times = 1, delayMs = 0 } = request;

  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new Error(`Invalid "path" ${JSON.stringify(path)}: expected a path that starts with "/".`);
  }
  if (method !== undefined && typeof method !== 'string') {
    throw new Error(`Invalid "method" ${JSON.stringify(method)}: expected an HTTP method such as "GET".`);
  }
  if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
    throw new Error(`Invalid "status" ${JSON.stringify(status)}: expected an error status from 400 to 599.`);
  }
  if (!Number.isInteger(times) || (times as number) < 1) {
    throw new Error(`Invalid "times" ${JSON.stringify(times)}: expected a positive integer.`);
  }
  if (!Number.isInteger(delayMs) || (delayMs as number) < 0) {
    throw new Error(`Invalid "delayMs" ${JSON.stringify(delayMs)}: expected milliseconds, 0 or more.`);
  }

  return {
    path,
    method: method?.toUpperCase(),
    status: status as number,
    times: times as number,
    delayMs: delayMs as number,
  };
}
