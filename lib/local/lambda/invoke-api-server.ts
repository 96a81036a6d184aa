import * as http from 'node:http';

import { ServiceError } from '../engine/types';
import { listenOnLoopback, LoopbackServer, readBody, sendJson } from '../http/loopback-server';
import { errorMessage, LocalLog } from '../log';
import { functionConfiguration } from './function-configuration';
import { LambdaRunner } from './lambda-runner';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const CONFIGURATION_PATH = /^\/2015-03-31\/functions\/([^/]+)\/configuration$/;
const LIST_PATH = /^\/2015-03-31\/functions\/?$/;

/**
 * Serves the Lambda REST API operations Invoke (`POST /2015-03-31/functions/{name}/invocations`),
 * GetFunctionConfiguration and ListFunctions on loopback, so that `AWS_ENDPOINT_URL_LAMBDA`
 * reaches the local functions. Invocation types RequestResponse, Event and DryRun are supported.
 * Any other request gets a 501 response that names it, which is also what SDK clients of
 * services without a local equivalent receive.
 */
export function startLambdaApiServer(runner: LambdaRunner, log: LocalLog, port: number): Promise<LoopbackServer> {
  const server = http.createServer((request, response) => {
    handleRequest(runner, log, request, response).catch((error: unknown) => {
      log.write('lambda-api', `Request ${request.method} ${request.url} failed: ${errorMessage(error)}`);
      sendJson(response, 500, { Type: 'Service', message: errorMessage(error) }, { 'x-amzn-ErrorType': 'ServiceException' });
    });
  });
  return listenOnLoopback(server, port);
}

async function handleRequest(
  runner: LambdaRunner,
  log: LocalLog,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method === 'GET' && LIST_PATH.test(url.pathname)) {
    sendJson(response, 200, { Functions: runner.list().map(functionConfiguration) });
    return;
  }
  const configurationMatch = CONFIGURATION_PATH.exec(url.pathname);
  if (request.method === 'GET' && configurationMatch) {
    sendConfiguration(runner, decodeURIComponent(configurationMatch[1]), response);
    return;
  }

  const match = INVOKE_PATH.exec(url.pathname);
  if (request.method !== 'POST' || !match) {
    const message = `${request.method} ${url.pathname} is not served locally: the runtime emulates Lambda Invoke, GetFunctionConfiguration and ListFunctions, Step Functions, DynamoDB, SNS Publish and SES v2 SendEmail.`;
    sendJson(response, 501, { Type: 'User', message }, { 'x-amzn-ErrorType': 'UnsupportedOperationException' });
    return;
  }

  const functionName = decodeURIComponent(match[1]);
  const body = await readBody(request);
  const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');

  let event: unknown;
  try {
    event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    sendJson(response, 400, { Type: 'User', message: 'Could not parse request body into json: the payload must be valid JSON.' }, {
      'x-amzn-ErrorType': 'InvalidRequestContentException',
    });
    return;
  }

  if (!runner.find(functionName)) {
    sendFunctionNotFound(functionName, response);
    return;
  }
  if (invocationType === 'DryRun') {
    response.writeHead(204).end();
    return;
  }
  if (invocationType === 'Event') {
    response.writeHead(202).end();
    runner.invoke(functionName, event).catch((error: unknown) => {
      log.write('lambda-api', `Asynchronous invocation of ${functionName} failed: ${errorMessage(error)}`);
    });
    return;
  }

  await invokeAndRespond(runner, functionName, event, response);
}

function sendConfiguration(runner: LambdaRunner, functionName: string, response: http.ServerResponse): void {
  const fn = runner.find(functionName);
  if (!fn) {
    sendFunctionNotFound(functionName, response);
    return;
  }
  sendJson(response, 200, functionConfiguration(fn));
}

function sendFunctionNotFound(functionName: string, response: http.ServerResponse): void {
  sendJson(response, 404, { Type: 'User', message: `Function not found: ${functionName}` }, {
    'x-amzn-ErrorType': 'ResourceNotFoundException',
  });
}

async function invokeAndRespond(
  runner: LambdaRunner,
  functionName: string,
  event: unknown,
  response: http.ServerResponse,
): Promise<void> {
  try {
    const result = await runner.invoke(functionName, event);
    const headers: Record<string, string> = { 'x-amz-executed-version': '$LATEST' };
    if (result.functionError) {
      headers['x-amz-function-error'] = result.functionError;
    }
    sendJson(response, 200, result.payload, headers);
  } catch (error) {
    if (!(error instanceof ServiceError)) {
      throw error;
    }
    const errorType = error.errorName.replace(/^Lambda\./, '');
    const status = errorType === 'RequestTooLargeException' ? 413 : 500;
    sendJson(response, status, { Type: 'User', message: error.causeText }, { 'x-amzn-ErrorType': errorType });
  }
}
