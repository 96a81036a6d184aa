import * as http from 'node:http';
import * as https from 'node:https';

import { checkUrl, guardedLookup, type Resolver } from './http-destination';
import type { HttpRequest } from './http-request';

/** The result of std.http, as Mistral returns it. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the `content-type` is JSON, else the text. */
  content: unknown;
}

/** A failed request: timed out, not connected, too large, or a status outside 2xx. */
export class HttpCallError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Largest response body read, in bytes: the 256 KiB that a Step Functions state can pass on. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

const MAX_REDIRECTS = 5;

/**
 * Sends a request and follows up to five redirects, checking every URL and
 * every resolved address. Returns the response of any status: the caller
 * decides which ones are errors.
 */
export async function sendHttpRequest(request: HttpRequest, resolve?: Resolver): Promise<HttpResponse> {
  let current = request;
  for (let redirects = 0; ; redirects++) {
    const response = await sendOnce(current, resolve);
    const location = response.headers.location;
    if (response.status < 300 || response.status >= 400 || location === undefined) return response;
    if (redirects === MAX_REDIRECTS) throw new HttpCallError('HttpTooManyRedirects', `${request.url.href} redirected more than ${MAX_REDIRECTS} times.`);

    // 307 and 308 repeat the request as it was, and the other redirects turn it into a GET.
    const keepsMethod = response.status === 307 || response.status === 308 || current.method === 'HEAD';
    current = {
      ...current,
      url: new URL(location, current.url),
      method: keepsMethod ? current.method : 'GET',
      body: keepsMethod ? current.body : undefined,
    };
  }
}

function sendOnce(request: HttpRequest, resolve?: Resolver): Promise<HttpResponse> {
  checkUrl(request.url);
  const client = request.url.protocol === 'https:' ? https : http;
  const headers = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));

  return new Promise((resolvePromise, reject) => {
    const outgoing = client.request(
      request.url,
      { method: request.method, headers, lookup: guardedLookup(resolve), timeout: request.timeoutSeconds * 1000 },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            outgoing.destroy(new HttpCallError('HttpResponseTooLarge', `The response of ${request.url.origin} is over ${MAX_RESPONSE_BYTES} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolvePromise({ status: incoming.statusCode ?? 0, headers: flattenHeaders(incoming.headers), content: parseContent(text, incoming.headers['content-type']) });
        });
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy(new HttpCallError('HttpTimeout', `${request.method} ${request.url.origin} timed out after ${request.timeoutSeconds} seconds.`));
    });
    outgoing.on('error', (error: Error) => {
      if (error instanceof HttpCallError || error.name === 'HttpDestinationBlocked') reject(error);
      else reject(new HttpCallError('HttpConnectionError', `${request.method} ${request.url.origin} failed: ${error.message}.`));
    });
    outgoing.end(request.body);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseContent(text: string, contentType: string | undefined): unknown {
  if (!/\bjson\b/i.test(contentType ?? '') || text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
