import { randomUUID } from 'node:crypto';
import * as http from 'node:http';

import { AwsLocation } from '../aws-names';
import { RouteMatch } from './route-matcher';

export interface ProxyRequest {
  request: http.IncomingMessage;
  body: Buffer;
  /** Request path without the stage prefix. */
  path: string;
  query: URLSearchParams;
  stage: string;
  apiId: string;
  binaryMediaTypes: string[];
}

/** Builds the Lambda proxy integration event of a REST API (payload format 1.0). */
export function proxyEvent(match: RouteMatch, proxy: ProxyRequest, location: AwsLocation): Record<string, unknown> {
  const { request, body, path, query, stage, apiId } = proxy;
  const multiValueHeaders = requestMultiValueHeaders(request);
  const multiValueQuery = queryMultiValues(query);
  const binary = isBinary(String(request.headers['content-type'] ?? ''), proxy.binaryMediaTypes);
  const httpMethod = request.method ?? 'GET';

  return {
    resource: match.route.resourcePath,
    path,
    httpMethod,
    headers: lastValues(multiValueHeaders),
    multiValueHeaders,
    queryStringParameters: multiValueQuery ? lastValues(multiValueQuery) : null,
    multiValueQueryStringParameters: multiValueQuery,
    pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: location.accountId,
      apiId,
      resourcePath: match.route.resourcePath,
      httpMethod,
      path: `/${stage}${path}`,
      stage,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      protocol: `HTTP/${request.httpVersion}`,
      domainName: request.headers.host ?? '127.0.0.1',
      identity: {
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? null,
      },
    },
    body: body.length === 0 ? null : body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary && body.length > 0,
  };
}

function requestMultiValueHeaders(request: http.IncomingMessage): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index];
    (headers[name] ??= []).push(request.rawHeaders[index + 1]);
  }
  return headers;
}

function queryMultiValues(query: URLSearchParams): Record<string, string[]> | null {
  const values: Record<string, string[]> = {};
  for (const [name, value] of query) {
    (values[name] ??= []).push(value);
  }
  return Object.keys(values).length > 0 ? values : null;
}

function lastValues(multiValues: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(multiValues).map(([name, values]) => [name, values[values.length - 1]]));
}

/** Returns whether the content type is one of the API's binary media types, which may use `*` wildcards. */
function isBinary(contentType: string, binaryMediaTypes: string[]): boolean {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  return binaryMediaTypes.some((pattern) => {
    const [type, subtype] = pattern.toLowerCase().split('/');
    const [actualType, actualSubtype] = mediaType.split('/');
    return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
  });
}
