import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** An error that the API returns to the caller with its status code and message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResponse(error: HttpError): APIGatewayProxyResult {
  return jsonResponse(error.statusCode, {
    error: error.code,
    message: error.message,
    ...error.details,
  });
}

/** Returns a request header, matching its name case-insensitively as HTTP does. */
export function headerOf(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/**
 * Parses the request body as a JSON object. An absent body is an empty
 * object, and anything but an object is a 400.
 */
export function parseJsonObject(event: APIGatewayProxyEvent): Record<string, unknown> {
  if (event.body === null || event.body === undefined || event.body === '') return {};
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'InvalidJson', 'The request body is not valid JSON: send a JSON object.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'InvalidJson', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
