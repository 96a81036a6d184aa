import * as http from 'node:http';

import { StepFunctionsApi, StepFunctionsApiError } from '../engine/types';
import { listenOnLoopback, LoopbackServer, readBody } from '../http/loopback-server';
import { errorMessage, LocalLog } from '../log';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * Serves the Step Functions API with the AWS JSON 1.0 protocol on loopback:
 * `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>`, dispatched to
 * the engine. Errors use the protocol's `{__type, message}` body.
 */
export function startStepFunctionsApiServer(api: StepFunctionsApi, log: LocalLog, port: number): Promise<LoopbackServer> {
  const server = http.createServer((request, response) => {
    handleRequest(api, log, request, response).catch((error: unknown) => {
      log.write('stepfunctions', `Request ${String(request.headers['x-amz-target'])} failed: ${errorMessage(error)}`);
      sendError(response, 500, 'InternalFailure', errorMessage(error));
    });
  });
  return listenOnLoopback(server, port);
}

async function handleRequest(
  api: StepFunctionsApi,
  log: LocalLog,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const body = (await readBody(request)).toString('utf8');

  if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
    sendError(response, 400, 'UnknownOperationException', `Expected POST with X-Amz-Target: ${TARGET_PREFIX}<Operation>, but got ${request.method} with '${target}'.`);
    return;
  }

  let input: Record<string, unknown>;
  try {
    input = body.trim() === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch (error) {
    sendError(response, 400, 'SerializationException', `The request body is not valid JSON: ${errorMessage(error)}`);
    return;
  }

  const operation = target.slice(TARGET_PREFIX.length);
  try {
    sendJson(response, 200, await api.call(operation, input));
  } catch (error) {
    if (!(error instanceof StepFunctionsApiError)) {
      throw error;
    }
    log.write('stepfunctions', `${operation} rejected with ${error.errorName}: ${error.message}`);
    sendError(response, error.httpStatus, error.errorName, error.message);
  }
}

function sendError(response: http.ServerResponse, statusCode: number, errorName: string, message: string): void {
  sendJson(response, statusCode, { __type: errorName, message }, { 'x-amzn-ErrorType': errorName });
}

function sendJson(response: http.ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}
