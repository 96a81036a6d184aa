import * as http from 'node:http';

import { LambdaInvokeResult } from '../engine/types';
import { sendJson } from '../http/loopback-server';
import { LocalLog } from '../log';
import { RouteMatch } from './route-matcher';

interface ProxyResponse {
  statusCode: number;
  /** Payload format 2.0 only: `Set-Cookie` values. */
  cookies?: string[];
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** Writes a function's proxy result as the HTTP response, or 502 when the function failed or returned no valid result. */
export function writeProxyResponse(result: LambdaInvokeResult, match: RouteMatch, log: LocalLog, response: http.ServerResponse): void {
  const route = `${match.route.httpMethod} ${match.route.resourcePath}`;
  const proxy = match.route.payloadFormatVersion === '2.0' ? inferResponseV2(result.payload) : (result.payload as ProxyResponse | null);

  if (result.functionError) {
    log.write('apigateway', `${route}: function ${match.route.functionName} failed: ${JSON.stringify(result.payload)}`);
    sendJson(response, 502, { message: 'Internal server error' });
    return;
  }
  if (proxy === null || typeof proxy !== 'object' || !Number.isInteger(proxy.statusCode)) {
    log.write('apigateway', `${route}: malformed Lambda proxy response ${JSON.stringify(proxy)}. The function must return {statusCode, headers, body}.`);
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
