import { SystemError } from './system-error';

/** Default time limit of one HTTP call, kept below the action functions' 30-second Lambda timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

const BODY_EXCERPT_LENGTH = 200;

export interface SystemRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, such as `/employees/E1001/salary`. */
  path: string;
  query?: Record<string, string>;
  /** JSON request body. */
  body?: unknown;
  timeoutMs?: number;
}

/**
 * Sends a JSON request to an external system and returns the parsed response body.
 * Rejects with a SystemError for a non-2xx status, a timeout, a refused
 * connection or a body that is not JSON.
 */
export async function callSystem(baseUrl: string, request: SystemRequest): Promise<unknown> {
  const url = new URL(baseUrl.replace(/\/+$/, '') + request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    url.searchParams.set(name, value);
  }
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: request.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw toTransportError(error, request, url, timeoutMs);
  }
  const text = await response.text();

  if (!response.ok) {
    throw new SystemError(
      response.status,
      `${request.method} ${url.pathname} failed with status ${response.status}: ${excerpt(text)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SystemError(
      'InvalidResponse',
      `${request.method} ${url.pathname} returned a body that is not JSON: ${excerpt(text)}`,
      { cause: error },
    );
  }
}

function toTransportError(error: unknown, request: SystemRequest, url: URL, timeoutMs: number): SystemError {
  const target = `${request.method} ${url.pathname}`;
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new SystemError('Timeout', `${target} timed out after ${timeoutMs} ms.`, { cause: error });
  }
  const detail = error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error);
  return new SystemError('Unavailable', `${target} to ${url.origin} failed: ${detail}`, { cause: error });
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') {
    return '(empty body)';
  }
  return flat.length > BODY_EXCERPT_LENGTH ? `${flat.slice(0, BODY_EXCERPT_LENGTH)}...` : flat;
}
