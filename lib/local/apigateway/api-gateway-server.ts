import * as http from 'node:http';

import { RestApiResource } from '../assembly/stack-resources';
import { AwsLocation } from '../aws-names';
import { LambdaInvokeResult } from '../engine/types';
import { listenOnLoopback, LoopbackServer, readBody, sendJson } from '../http/loopback-server';
import { errorMessage, LocalLog } from '../log';
import { proxyEvent, ProxyRequest } from './proxy-event';
import { proxyEventV2 } from './proxy-event-v2';
import { writeProxyResponse } from './proxy-response';
import { matchRoute } from './route-matcher';

/** API Gateway's maximum integration timeout for REST APIs, 29 seconds. */
const INTEGRATION_TIMEOUT_MILLISECONDS = 29_000;

export type ProxyInvoke = (functionName: string, event: unknown) => Promise<LambdaInvokeResult>;

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
