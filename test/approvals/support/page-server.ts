import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

type ProxyHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** An HTTP server on loopback that serves `/<stage>/approvals/{id}` through a proxy handler. */
export interface PageServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the page handler the way an API Gateway REST proxy integration calls it, which is
 * enough for a browser to load the page and submit its form.
 */
export async function startPageServer(handler: ProxyHandler, stage = 'prod'): Promise<PageServer> {
  const server = http.createServer((request, response) => {
    void serve(handler, stage, request, response);
  });
  return listen(server);
}

/** Serves one fixed HTML page at every path, e.g. a page of another site. */
export async function startStaticServer(html: () => string): Promise<PageServer> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html());
  });
  return listen(server);
}

async function serve(
  handler: ProxyHandler,
  stage: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const match = new RegExp(`^/${stage}/approvals/([^/]+)$`).exec(url.pathname);
  if (match === null) {
    response.writeHead(403, { 'content-type': 'application/json' });
    response.end('{"message":"Missing Authentication Token"}');
    return;
  }

  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }

  const result = await handler({
    httpMethod: request.method ?? 'GET',
    path: `/approvals/${match[1]}`,
    resource: '/approvals/{id}',
    pathParameters: { id: decodeURIComponent(match[1]) },
    headers,
    body: chunks.length === 0 ? null : Buffer.concat(chunks).toString('utf8'),
    isBase64Encoded: false,
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
  });

  response.writeHead(result.statusCode, result.headers as http.OutgoingHttpHeaders);
  response.end(result.body);
}

async function listen(server: http.Server): Promise<PageServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
