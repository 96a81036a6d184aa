import { randomUUID } from 'node:crypto';
import * as http from 'node:http';

import { ServiceError } from '../engine/types';
import { listenOnLoopback, LoopbackServer, readBody, sendJson } from '../http/loopback-server';
import { errorMessage, LocalLog } from '../log';
import { Outbox } from './outbox';
import { sendEmail } from './ses-send-email';
import { LocalSns } from './sns-publish';
import { errorResponseXml, parseQueryRequest, publishResponseXml } from './sns-query-protocol';

const SES_SEND_EMAIL_PATH = '/v2/email/outbound-emails';

/**
 * Serves SNS Publish (Query protocol, `POST /`) and SES v2 SendEmail
 * (`POST /v2/email/outbound-emails`) on one loopback port, so that both
 * `AWS_ENDPOINT_URL_SNS` and `AWS_ENDPOINT_URL_SESV2` point at it.
 */
export function startOutboxServer(sns: LocalSns, outbox: Outbox, log: LocalLog, port: number): Promise<LoopbackServer> {
  const server = http.createServer((request, response) => {
    handleRequest(sns, outbox, request, response).catch((error: unknown) => {
      log.write('outbox', `Request ${request.method} ${request.url} failed: ${errorMessage(error)}`);
      sendJson(response, 500, { message: errorMessage(error) }, { 'x-amzn-ErrorType': 'InternalFailure' });
    });
  });
  return listenOnLoopback(server, port);
}

async function handleRequest(
  sns: LocalSns,
  outbox: Outbox,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const body = (await readBody(request)).toString('utf8');
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;

  if (request.method === 'POST' && pathname === SES_SEND_EMAIL_PATH) {
    handleSendEmail(outbox, body, response);
    return;
  }
  if (request.method === 'POST' && pathname === '/') {
    handleSnsQuery(sns, body, response);
    return;
  }
  sendJson(response, 404, { message: `${request.method} ${pathname} is not an SNS or SES v2 operation served locally.` });
}

function handleSendEmail(outbox: Outbox, body: string, response: http.ServerResponse): void {
  try {
    sendJson(response, 200, sendEmail(outbox, JSON.parse(body || '{}')));
  } catch (error) {
    if (!(error instanceof ServiceError) && !(error instanceof SyntaxError)) {
      throw error;
    }
    const message = error instanceof ServiceError ? error.causeText : `The request body is not valid JSON: ${error.message}`;
    sendJson(response, 400, { message }, { 'x-amzn-ErrorType': 'BadRequestException' });
  }
}

function handleSnsQuery(sns: LocalSns, body: string, response: http.ServerResponse): void {
  const request = parseQueryRequest(body);
  const requestId = randomUUID();

  if (request.Action !== 'Publish') {
    const message = `Action ${String(request.Action)} is not served locally, because the local SNS implements only Publish.`;
    sendXml(response, 400, errorResponseXml('InvalidAction', message, requestId));
    return;
  }

  try {
    const { MessageId } = sns.publish(request);
    sendXml(response, 200, publishResponseXml(MessageId, requestId));
  } catch (error) {
    if (!(error instanceof ServiceError)) {
      throw error;
    }
    const code = error.errorName.replace(/^SNS\./, '').replace(/Exception$/, '');
    sendXml(response, code === 'NotFound' ? 404 : 400, errorResponseXml(code, error.causeText, requestId));
  }
}

function sendXml(response: http.ServerResponse, statusCode: number, xml: string): void {
  response.writeHead(statusCode, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
  response.end(xml);
}
