import { randomUUID } from 'node:crypto';

import { AwsLocation } from '../aws-names';
import { ProxyRequest } from './proxy-event';
import { RouteMatch } from './route-matcher';

/** Builds the Lambda proxy integration event of an HTTP API (payload format 2.0). */
export function proxyEventV2(match: RouteMatch, proxy: ProxyRequest, location: AwsLocation): Record<string, unknown> {
  const { request, body, path, query, stage, apiId } = proxy;
  const httpMethod = request.method ?? 'GET';
  const routeKey = match.route.resourcePath === '$default' ? '$default' : `${match.route.httpMethod} ${match.route.resourcePath}`;
  const headers = joinedHeaders(request.rawHeaders);
  const cookies = headers.cookie?.split(/;\s*/);
  const now = new Date();

  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: query.toString(),
    ...(cookies ? { cookies } : {}),
    headers,
    queryStringParameters: joinedQuery(query),
    pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : undefined,
    requestContext: {
      accountId: location.accountId,
      apiId,
      domainName: request.headers.host ?? '127.0.0.1',
      domainPrefix: (request.headers.host ?? '127').split('.')[0],
      http: {
        method: httpMethod,
        path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage,
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length === 0 ? undefined : body.toString('utf8'),
    isBase64Encoded: false,
  };
}

/** Lowercases header names and joins repeated headers with commas, as payload format 2.0 does. */
function joinedHeaders(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index].toLowerCase();
    const value = rawHeaders[index + 1];
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return headers;
}

function joinedQuery(query: URLSearchParams): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const [name, value] of query) {
    values[name] = values[name] === undefined ? value : `${values[name]},${value}`;
  }
  return Object.keys(values).length > 0 ? values : undefined;
}
