import * as http from 'node:http';

import { RestApiResource } from '../assembly/stack-resources';
import { AwsLocation } from '../aws-names';
import { LambdaInvokeResult } from '../engine/types';
import { listenOnLoopback, LoopbackServer, readBody, sendJson } from '../http/loopback-server';
import { errorMessage, LocalLog } from '../log';
import { proxyEvent, ProxyRequest } from './proxy-event';
import { proxyEventV2 } from './proxy-event-v2';
import { matchRoute, RouteMatch } from './route-matcher';

/** API Gateway's maximum integration timeout for REST APIs, 29 seconds. */
const INTEGRATION_TIMEOUT_MILLISECONDS = 29_000;

export type ProxyInvoke = (functionName: string, event: unknown) => Promise<LambdaInvokeResult>;

interface ProxyResponse {
  statusCode: number;
  /** Payload format 2.0 only: `Set-Cookie` values. */
  cookies?: string[];
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/**
 * Serves the template's REST API and HTTP API routes with Lambda proxy
 * integration on one loopback port. A leading stage segment (`/prod/...`)
 * is optional. When several APIs define the same route, REST APIs come
 * first, then HTTP APIs, each in template order.
 */
export function startApiGatewayServer(
  apis: RestApiResource[],
  invoke: ProxyInvoke,
  options: { log: LocalLog; location: AwsLocation; port: number },
): Promise<LoopbackServer> {
  const server = http.createServer((request, response) => {
    handleRequest(apis, invoke, options, request, response).catch((error: unknown) => {
      options.log.write('apigateway', `${request.method} ${request.url} failed: ${errorMessage(error)}`);
      sendJson(response, 502, { message: 'Internal server error' });
    });
  });
  return listenOnLoopback(server, options.port);
}

async function handleRequest(
  apis: RestApiResource[],
  invoke: ProxyInvoke,
  options: { log: LocalLog; location: AwsLocation },
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const body = await readBody(request);
  const found = findRoute(apis, request.method ?? 'GET', url.pathname);

  if (!found) {
    options.log.write('apigateway', `No route matches ${request.method} ${url.pathname}, so the response is 403 Missing Authentication Token, as on AWS.`);
    sendJson(response, 403, { message: 'Missing Authentication Token' });
    return;
  }

  const { api, match, path, stage } = found;
  if (match.route.integrationType !== 'AWS_PROXY' || !match.route.functionName) {
    options.log.write('apigateway', `Route ${match.route.httpMethod} ${match.route.resourcePath} uses a ${match.route.integrationType} integration, which runs only on AWS.`);
    sendJson(response, 501, { message: `Integration type ${match.route.integrationType} is not served locally. Only AWS_PROXY integrations with Lambda run locally.` });
    return;
  }

  const proxy: ProxyRequest = { request, body, path, query: url.searchParams, stage, apiId: api.id, binaryMediaTypes: api.binaryMediaTypes };
  const event = match.route.payloadFormatVersion === '2.0' ? proxyEventV2(match, proxy, options.location) : proxyEvent(match, proxy, options.location);
  const result = await invokeWithTimeout(invoke, match.route.functionName, event);
  if (result === 'timeout') {
    sendJson(response, 504, { message: 'Endpoint request timed out' });
    return;
  }
  writeProxyResponse(result, match, options.log, response);
}

function findRoute(apis: RestApiResource[], method: string, pathname: string) {
  for (const api of apis) {
    const [first, ...rest] = pathname.split('/').filter(Boolean);
    const hasStage = first !== undefined && api.stageNames.includes(first);
    const path = hasStage ? `/${rest.join('/')}` : pathname;
    const match = matchRoute(api.routes, method, path);

    if (match) {
      return { api, match, path, stage: hasStage ? first : defaultStage(api) };
    }
  }
  return undefined;
}

/** Names the stage of a request without a stage prefix: the API's first stage, else `$default` or `local`. */
function defaultStage(api: RestApiResource): string {
  return api.stageNames[0] ?? (api.protocol === 'HTTP' ? '$default' : 'local');
}

async function invokeWithTimeout(invoke: ProxyInvoke, functionName: string, event: unknown): Promise<LambdaInvokeResult | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), INTEGRATION_TIMEOUT_MILLISECONDS);
  });

  try {
    return await Promise.race([invoke(functionName, event), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function writeProxyResponse(result: LambdaInvokeResult, match: RouteMatch, log: LocalLog, response: http.ServerResponse): void {
  const route = `${match.route.httpMethod} ${match.route.resourcePath}`;
  const proxy = match.route.payloadFormatVersion === '2.0' ? inferResponseV2(result.payload) : (result.payload as ProxyResponse | null);

  if (result.functionError) {
    log.write('apigateway', `${route}: function ${match.route.functionName} failed: ${JSON.stringify(result.payload)}`);
    sendJson(response, 502, { message: 'Internal server error' });
    return;
  }
  if (proxy === null || typeof proxy !== 'object' || !Number.isInteger(proxy.statusCode)) {
    log.write('apigateway', `${route}: malformed Lambda proxy response ${JSON.stringify(proxy)}; return {statusCode, headers, body}.`);
    sendJson(response, 502, { message: 'Internal server error' });
    return;
  }

  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(proxy.headers ?? {})) {
    headers[name.toLowerCase()] = String(value);
  }
  for (const [name, values] of Object.entries(proxy.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.map(String);
  }
  if (proxy.cookies && proxy.cookies.length > 0) {
    headers['set-cookie'] = proxy.cookies;
  }

  const body = Buffer.from(proxy.body ?? '', proxy.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(proxy.statusCode, { 'content-type': 'application/json', ...headers, 'content-length': body.length });
  response.end(body);
}

/**
 * Applies the payload format 2.0 rule that a result without `statusCode` is
 * the body of a 200 JSON response.
 */
function inferResponseV2(payload: unknown): ProxyResponse | null {
  if (payload !== null && typeof payload === 'object' && 'statusCode' in payload) {
    return payload as ProxyResponse;
  }
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };
}
