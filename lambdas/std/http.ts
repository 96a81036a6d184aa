import { Logger } from '@aws-lambda-powertools/logger';

import type { ActionEvent } from '../shared/action-event';
import { runAction } from '../shared/run-action';
import { HttpCallError, sendHttpRequest, type HttpResponse } from './http-client';
import type { Resolver } from './http-destination';
import { readHttpRequest } from './http-request';

const logger = new Logger({ serviceName: 'std.http' });

/**
 * Action `std.http`: sends one HTTP request and returns `{status, headers,
 * content}`. A status outside 2xx fails the task with error `HttpError.<status>`,
 * whose message is the JSON of the response, so that a catcher can read it.
 */
export async function handler(event: ActionEvent<unknown>): Promise<HttpResponse> {
  return runAction(logger, event, () => callHttp(event.input));
}

/** Runs a std.http input, with a resolver that tests can replace. */
export async function callHttp(input: unknown, resolve?: Resolver): Promise<HttpResponse> {
  const request = readHttpRequest(input);
  const response = await sendHttpRequest(request, resolve);
  logger.info('Sent the request', { method: request.method, origin: request.url.origin, status: response.status });

  if (response.status < 200 || response.status > 299) {
    throw new HttpCallError(`HttpError.${response.status}`, JSON.stringify(response));
  }
  return response;
}
