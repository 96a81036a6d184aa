import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import { FailureControl, parseFailureRule } from './failure-control';

export interface JsonRequest {
  method: string;
  path: string;
  /** Named groups of the route pattern, such as `id`. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

export interface Route {
  method: string;
  /** Pattern for the whole path, with named groups for parameters. */
  pattern: RegExp;
  handle(request: JsonRequest): JsonResponse;
}

/** An error response with a status and a message, thrown by route handlers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface JsonServiceOptions {
  /** Service name used in error bodies, such as `accounting`. */
  name: string;
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  routes: Route[];
  /** Clears the service's own state on `POST /_control/reset`. */
  onReset?: () => void;
}

export interface RunningJsonService {
  /** Base URL without a trailing slash, such as `http://127.0.0.1:4701`. */
  url: string;
  control: FailureControl;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Starts a small JSON-over-HTTP service with the `/_control/*` endpoints:
 * `POST /_control/fail` adds a failure rule, `GET /_control/calls` returns the
 * recorded calls, and `POST /_control/reset` clears rules, calls and state.
 */
export async function startJsonService(options: JsonServiceOptions): Promise<RunningJsonService> {
  const control = new FailureControl();
  const stopping = new AbortController();
  const server = createServer((request, response) => {
    void handleRequest(options, control, stopping.signal, request, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host}:${port}`,
    control,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handleRequest(
  options: JsonServiceOptions,
  control: FailureControl,
  stopping: AbortSignal,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const isControl = url.pathname.startsWith('/_control/');

  let result: JsonResponse;
  try {
    const body = await readJsonBody(request);
    if (isControl) {
      sendJson(response, handleControl(options, control, method, url.pathname, body));
      return;
    }

    const failure = control.takeFailure(method, url.pathname);
    if (failure) {
      await delay(failure.delayMs, undefined, { signal: stopping });
      result = {
        status: failure.status,
        body: { message: `Injected failure of ${options.name} for ${method} ${url.pathname}.` },
      };
    } else {
      result = route(options.routes, { method, path: url.pathname, params: {}, query: url.searchParams, body });
    }
  } catch (error) {
    result = errorResponse(error);
  }

  if (!isControl) {
    control.record({ method, path: url.pathname, status: result.status });
  }
  if (!response.destroyed) {
    sendJson(response, result);
  }
}

function route(routes: Route[], request: JsonRequest): JsonResponse {
  const matching = routes.filter((candidate) => candidate.pattern.test(request.path));
  if (matching.length === 0) {
    throw new HttpError(404, `No route for ${request.path}.`);
  }

  const match = matching.find((candidate) => candidate.method === request.method);
  if (!match) {
    throw new HttpError(405, `Method ${request.method} is not allowed on ${request.path}.`);
  }

  const params = { ...request.path.match(match.pattern)?.groups };
  return match.handle({ ...request, params });
}

function handleControl(
  options: JsonServiceOptions,
  control: FailureControl,
  method: string,
  path: string,
  body: unknown,
): JsonResponse {
  if (method === 'POST' && path === '/_control/fail') {
    control.addRule(parseFailureRule(body));
    return { status: 204, body: undefined };
  }
  if (method === 'GET' && path === '/_control/calls') {
    return { status: 200, body: control.calls() };
  }
  if (method === 'POST' && path === '/_control/reset') {
    control.reset();
    options.onReset?.();
    return { status: 204, body: undefined };
  }
  throw new HttpError(404, `No control endpoint ${method} ${path}.`);
}

function errorResponse(error: unknown): JsonResponse {
  if (error instanceof HttpError) {
    return { status: error.status, body: { message: error.message } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 400, body: { message } };
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }

  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON.');
  }
}

function sendJson(response: ServerResponse, result: JsonResponse): void {
  if (result.body === undefined) {
    response.writeHead(result.status).end();
    return;
  }
  const text = JSON.stringify(result.body);
  response
    .writeHead(result.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}
