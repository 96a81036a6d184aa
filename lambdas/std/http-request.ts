/** The std.http input, checked: the Mistral `std.http` parameters that Sirocco supports. */
export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Seconds before the request times out. */
  timeoutSeconds: number;
}

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Request timeout in seconds when the input gives none: below the function's 30-second timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 25;

/** An invalid std.http input, reported to Step Functions as error `InvalidInput`. */
export class HttpInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInput';
  }
}

/** Reads the std.http parameters: url, method, params, headers, body or json, timeout. */
export function readHttpRequest(input: unknown): HttpRequest {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new HttpInputError('The std.http input must be an object with at least "url".');
  }
  const fields = input as Record<string, unknown>;

  const url = readUrl(fields.url);
  for (const [name, value] of Object.entries(readStringMap(fields.params, 'params'))) url.searchParams.append(name, value);
  const method = readMethod(fields.method);
  const headers = readStringMap(fields.headers, 'headers');
  const timeoutSeconds = readTimeout(fields.timeout);

  if (fields.body !== undefined && fields.json !== undefined) {
    throw new HttpInputError('Give either "body" or "json" to std.http, not both.');
  }
  let body: string | undefined;
  if (fields.json !== undefined) {
    body = JSON.stringify(fields.json);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  } else if (fields.body !== undefined) {
    body = typeof fields.body === 'string' ? fields.body : JSON.stringify(fields.body);
  }

  return { method, url, headers, body, timeoutSeconds };
}

function readUrl(value: unknown): URL {
  if (typeof value !== 'string') throw new HttpInputError('Parameter "url" of std.http must be a string such as "https://example.com/path".');
  try {
    return new URL(value);
  } catch {
    throw new HttpInputError(`Parameter "url" of std.http is not a valid URL: "${value}".`);
  }
}

function readMethod(value: unknown): string {
  if (value === undefined) return 'GET';
  const method = typeof value === 'string' ? value.toUpperCase() : '';
  if (!methods.has(method)) throw new HttpInputError(`Parameter "method" of std.http is invalid: ${JSON.stringify(value)}. Use one of ${[...methods].join(', ')}.`);
  return method;
}

function readTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  if (typeof value !== 'number' || !(value > 0)) throw new HttpInputError(`Parameter "timeout" of std.http must be a positive number of seconds, not ${JSON.stringify(value)}.`);
  return value;
}

function readStringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new HttpInputError(`Parameter "${name}" of std.http must be an object of names to values.`);

  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => {
    if (item === null || typeof item === 'object') throw new HttpInputError(`Value "${key}" of parameter "${name}" of std.http must be a string, number or boolean.`);
    return [key, String(item)];
  });
  return Object.fromEntries(entries);
}
