import { startApiGatewayServer } from '../../../lib/local/apigateway/api-gateway-server';
import { matchRoute } from '../../../lib/local/apigateway/route-matcher';
import { readAssembly } from '../../../lib/local/assembly/read-assembly';
import { ApiRoute } from '../../../lib/local/assembly/stack-resources';
import { LOCAL_LOCATION } from '../../../lib/local/aws-names';
import { LoopbackServer } from '../../../lib/local/http/loopback-server';
import { functionEnvironment } from '../../../lib/local/lambda/function-environment';
import { LambdaRunner } from '../../../lib/local/lambda/lambda-runner';
import { createMemoryLog } from '../../../lib/local/log';
import { buildTestAssembly } from './build-assembly';

const UNUSED_ENDPOINT = 'http://127.0.0.1:9';

describe('matchRoute', () => {
  const route = (resourcePath: string, httpMethod = 'GET'): ApiRoute => ({
    resourcePath,
    httpMethod,
    integrationType: 'AWS_PROXY',
    payloadFormatVersion: '1.0',
  });
  const routes = [
    route('/'),
    route('/items/{id}'),
    route('/items/latest'),
    route('/items/{id}', 'ANY'),
    route('/items/{proxy+}', 'ANY'),
    route('/{proxy+}', 'ANY'),
  ];
  const withDefault = [route('/items/{id}'), route('$default', 'ANY')];

  it.each([
    ['GET', '/', '/', {}],
    ['GET', '/items/latest', '/items/latest', {}],
    ['GET', '/items/42', '/items/{id}', { id: '42' }],
    ['DELETE', '/items/42', '/items/{id}', { id: '42' }],
    ['GET', '/items/42/parts', '/items/{proxy+}', { proxy: '42/parts' }],
    ['GET', '/other/a%20b', '/{proxy+}', { proxy: 'other/a b' }],
  ])('%s %s', (method, path, resourcePath, pathParameters) => {
    const match = matchRoute(routes, method, path);

    expect(match?.route.resourcePath).toBe(resourcePath);
    expect(match?.pathParameters).toEqual(pathParameters);
  });

  it('prefers an exact method over ANY', () => {
    expect(matchRoute(routes, 'GET', '/items/7')?.route.httpMethod).toBe('GET');
  });

  it('falls back to the $default route', () => {
    expect(matchRoute(withDefault, 'GET', '/items/1')?.route.resourcePath).toBe('/items/{id}');
    expect(matchRoute(withDefault, 'POST', '/')?.route.resourcePath).toBe('$default');
  });

  it('returns undefined without a match', () => {
    expect(matchRoute([route('/items/{id}')], 'GET', '/items')).toBeUndefined();
  });
});

describe('API Gateway server', () => {
  const log = createMemoryLog();
  const [stack] = readAssembly(buildTestAssembly());
  const endpoints = { stepFunctions: UNUSED_ENDPOINT, lambda: UNUSED_ENDPOINT, dynamodb: UNUSED_ENDPOINT, outbox: UNUSED_ENDPOINT, fallback: UNUSED_ENDPOINT };
  const runner = new LambdaRunner({
    functions: stack.functions,
    environmentOf: (fn) => functionEnvironment(fn, { endpoints, location: LOCAL_LOCATION }),
    log,
  });
  let server: LoopbackServer;

  beforeAll(async () => {
    server = await startApiGatewayServer(stack.restApis, (name, event) => runner.invoke(name, event), {
      log,
      location: LOCAL_LOCATION,
      port: 0,
    });
  });

  afterAll(async () => {
    await server.close();
    runner.stop();
  });

  it('passes the REST proxy event to Lambda', async () => {
    const response = await fetch(`${server.url}/prod/approvals/a%2F1?x=1&x=2`, { headers: { 'x-trace': 'abc' } });
    const event = (await response.json()) as Record<string, any>;

    expect(response.status).toBe(201);
    expect(event.resource).toBe('/approvals/{id}');
    expect(event.path).toBe('/approvals/a%2F1');
    expect(event.httpMethod).toBe('GET');
    expect(event.pathParameters).toEqual({ id: 'a/1' });
    expect(event.queryStringParameters).toEqual({ x: '2' });
    expect(event.multiValueQueryStringParameters).toEqual({ x: ['1', '2'] });
    expect(event.headers['x-trace']).toBe('abc');
    expect(event.multiValueHeaders['x-trace']).toEqual(['abc']);
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.stage).toBe('prod');
    expect(event.requestContext.path).toBe('/prod/approvals/a%2F1');
    expect(event.requestContext.apiId).toBe(stack.restApis[0].id);
    expect(event.requestContext.identity.sourceIp).toBe('127.0.0.1');
  });

  it('returns the proxy response headers', async () => {
    const response = await fetch(`${server.url}/prod/approvals/a1`);

    expect(response.headers.get('x-handled-by')).toBe('api');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('serves routes without the stage prefix', async () => {
    const response = await fetch(`${server.url}/approvals/a1`);
    const event = (await response.json()) as Record<string, any>;

    expect(response.status).toBe(201);
    expect(event.requestContext.stage).toBe('prod');
  });

  it('passes greedy path and body to ANY', async () => {
    const response = await fetch(`${server.url}/prod/files/reports/2026/march.csv`, { method: 'PUT', body: 'a,b\n1,2' });
    const event = (await response.json()) as Record<string, any>;

    expect(event.httpMethod).toBe('PUT');
    expect(event.resource).toBe('/files/{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'reports/2026/march.csv' });
    expect(event.body).toBe('a,b\n1,2');
  });

  it('answers 502 when the function fails', async () => {
    const response = await fetch(`${server.url}/prod/approvals/a1`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: 'Internal server error' });
  });

  it('answers 502 for a malformed proxy response', async () => {
    const response = await fetch(`${server.url}/prod/approvals/a1?malformed=1`);

    expect(response.status).toBe(502);
    expect(log.lines.some((line) => line.includes('malformed Lambda proxy response "not a proxy response"'))).toBe(true);
  });

  it('passes the HTTP API event to Lambda', async () => {
    const response = await fetch(`${server.url}/events/e1?a=1&a=2`, { headers: { cookie: 'x=1; y=2', 'X-Trace': 'abc' } });
    const event = (await response.json()) as Record<string, any>;

    expect(response.status).toBe(201);
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /events/{id}');
    expect(event.rawPath).toBe('/events/e1');
    expect(event.rawQueryString).toBe('a=1&a=2');
    expect(event.queryStringParameters).toEqual({ a: '1,2' });
    expect(event.pathParameters).toEqual({ id: 'e1' });
    expect(event.cookies).toEqual(['x=1', 'y=2']);
    expect(event.headers['x-trace']).toBe('abc');
    expect(event.requestContext.http.method).toBe('GET');
    expect(event.requestContext.stage).toBe('$default');
  });

  it('infers an HTTP API response without statusCode', async () => {
    const response = await fetch(`${server.url}/echo/a/b`, { method: 'POST', body: 'hello' });
    const result = (await response.json()) as { event: Record<string, any> };

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(result.event.routeKey).toBe('ANY /echo/{proxy+}');
    expect(result.event.pathParameters).toEqual({ proxy: 'a/b' });
    expect(result.event.body).toBe('hello');
  });

  it('answers 403 for an unknown route', async () => {
    const response = await fetch(`${server.url}/prod/unknown`);

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
  });
});
