import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A REST API proxy event as API Gateway sends it to the control function. */
export function apiEvent(
  method: string,
  resource: string,
  pathParameters: Record<string, string>,
  options: {
    body?: unknown;
    headers?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
): APIGatewayProxyEvent {
  let path = resource;
  for (const [name, value] of Object.entries(pathParameters)) {
    path = path.replace(`{${name}}`, value);
  }
  let body: string | null = null;
  if (typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) body = JSON.stringify(options.body);

  return {
    httpMethod: method,
    resource,
    path,
    pathParameters,
    headers: options.headers ?? {},
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    body,
    isBase64Encoded: false,
    stageVariables: null,
    requestContext: { requestId: 'request-1' } as APIGatewayProxyEvent['requestContext'],
  };
}
