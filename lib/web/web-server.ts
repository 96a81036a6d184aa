import * as fs from 'node:fs';
import * as http from 'node:http';

import { matchPath, ROUTES } from '../../lambdas/control/router';
import { listenOnLoopback, LoopbackServer, readBody, sendJson } from '../local/http/loopback-server';
import type { LocalLog } from '../local/log';
import { errorMessage } from '../local/log';
import type { ApprovalLink } from './approval-links';
import type { PageAssets } from './page-bundle';
import type { WorkflowSummary } from './local-resources';

export interface WebServerOptions {
  port: number;
  assets: PageAssets;
  /** Base URL of the control API's stage, such as `http://127.0.0.1:4714/v1`. */
  controlApiUrl?: string;
  workflows: WorkflowSummary[];
  /** Returns the links of an approval group, or undefined when the group does not exist. */
  approvalLinks(groupId: string): Promise<ApprovalLink[] | undefined>;
  /** Mermaid text that the page draws on `#/graph`, served at `/local/graph`. */
  graphText?: string;
  log: LocalLog;
}

const CONTENT_TYPES: Record<keyof PageAssets, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'mermaid.min.js': 'text/javascript; charset=utf-8',
};

// Mermaid writes <style> elements into each SVG that it renders, so styles need 'unsafe-inline'.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sirocco</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<div id="app"></div>
<script src="/assets/mermaid.min.js"></script>
<script src="/assets/app.js"></script>
</body>
</html>
`;

/**
 * Starts the web view's server on 127.0.0.1. It serves the page, its assets
 * and `/local/*`, the data that only the local runtime has: the workflow
 * list with definitions, the approval links and the text of `#/graph`. It
 * forwards `/api/*` to the control API, so that the page reads the same
 * status API as the CLI.
 */
export async function startWebServer(options: WebServerOptions): Promise<LoopbackServer> {
  let ownOrigins: string[] = [];
  const server = http.createServer((request, response) => {
    handle(options, ownOrigins, request, response).catch((error: unknown) => {
      options.log.write('web', `${request.method} ${request.url} failed: ${errorMessage(error)}`);
      if (!response.headersSent) {
        sendJson(response, 502, { error: 'BadGateway', message: `The web view failed to handle the request: ${errorMessage(error)}` });
      } else {
        response.end();
      }
    });
  });

  const loopback = await listenOnLoopback(server, options.port);
  ownOrigins = [loopback.url, `http://localhost:${loopback.port}`];
  options.log.write('web', `Web view on ${loopback.url}.`);
  return loopback;
}

async function handle(
  options: WebServerOptions,
  ownOrigins: string[],
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const rejection = rejectForeignRequest(request, ownOrigins);
  if (rejection) {
    options.log.write('web', `Rejected ${request.method} ${url.pathname}: ${rejection}`);
    sendJson(response, 403, { error: 'Forbidden', message: rejection });
    return;
  }

  if (url.pathname.startsWith('/api/')) {
    await forwardToControlApi(options, request, response, url);
    return;
  }
  if (request.method !== 'GET') {
    sendJson(response, 405, { error: 'MethodNotAllowed', message: `${request.method} is not allowed on ${url.pathname}: use GET.` });
    return;
  }

  if (url.pathname === '/' || url.pathname === '/index.html') {
    sendPage(response);
    return;
  }
  const assetName = url.pathname.slice('/assets/'.length) as keyof PageAssets;
  if (url.pathname.startsWith('/assets/') && assetName in options.assets) {
    sendAsset(response, options.assets[assetName], CONTENT_TYPES[assetName]);
    return;
  }
  if (url.pathname === '/local/workflows') {
    sendJson(response, 200, { workflows: options.workflows });
    return;
  }
  if (url.pathname === '/local/graph') {
    sendGraphText(options, response);
    return;
  }
  const linksMatch = /^\/local\/approval-groups\/([^/]+)\/links$/.exec(url.pathname);
  if (linksMatch) {
    await sendApprovalLinks(options, response, decodeURIComponent(linksMatch[1]));
    return;
  }

  sendJson(response, 404, { error: 'NotFound', message: `Nothing is served at ${url.pathname}: open / for the web view.` });
}

/**
 * Rejects requests that another site makes through the browser, because the
 * page's POSTs stop and redrive executions. The Host check stops DNS
 * rebinding, and the Origin check stops cross-site forms and fetches.
 */
function rejectForeignRequest(request: http.IncomingMessage, ownOrigins: string[]): string | undefined {
  const host = request.headers.host ?? '';
  if (!ownOrigins.some((origin) => origin === `http://${host}`)) {
    return `Host "${host}" is not this server: open the web view at ${ownOrigins[0]}.`;
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !ownOrigins.includes(origin)) {
    return `Origin "${origin}" may not call the web view: only its own page may.`;
  }
  return undefined;
}

async function forwardToControlApi(
  options: WebServerOptions,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
): Promise<void> {
  if (!options.controlApiUrl) {
    sendJson(response, 404, { error: 'NoControlApi', message: 'The app has no control API with /executions/{id}, so the web view cannot read executions.' });
    return;
  }
  if (request.method !== 'GET' && request.method !== 'POST') {
    sendJson(response, 405, { error: 'MethodNotAllowed', message: `${request.method} is not allowed on ${url.pathname}: use GET or POST.` });
    return;
  }
  // API Gateway returns 403 "Missing Authentication Token" for a path without a resource, which misleads here.
  const controlPath = url.pathname.slice('/api'.length);
  if (!ROUTES.some((route) => matchPath(route.resource, controlPath))) {
    const routes = ROUTES.map((route) => `${route.method} /api${route.resource}`);
    sendJson(response, 404, {
      error: 'NotFound',
      message: `No control API route matches ${url.pathname}: use one of ${routes.join(', ')}.`,
      routes,
    });
    return;
  }

  const target = `${options.controlApiUrl}${controlPath}${url.search}`;
  let body: string | undefined;
  if (request.method === 'POST') {
    body = (await readBody(request)).toString('utf8') || '{}';
  }
  const forwarded = await fetch(target, {
    method: request.method,
    headers: { 'content-type': 'application/json' },
    body,
  });

  const text = await forwarded.text();
  response.writeHead(forwarded.status, {
    'content-type': forwarded.headers.get('content-type') ?? 'application/json',
    'cache-control': 'no-store',
  });
  response.end(text);
}

async function sendApprovalLinks(options: WebServerOptions, response: http.ServerResponse, groupId: string): Promise<void> {
  const links = await options.approvalLinks(groupId);
  if (!links) {
    sendJson(response, 404, { error: 'ApprovalGroupNotFound', message: `Approval group "${groupId}" does not exist or has expired.` });
    return;
  }
  sendJson(response, 200, { links });
}

function sendGraphText(options: WebServerOptions, response: http.ServerResponse): void {
  if (options.graphText === undefined) {
    sendJson(response, 404, { error: 'NoGraph', message: 'This web view has no graph text to draw. `sirocco graph --format svg` starts a server that has one.' });
    return;
  }
  sendJson(response, 200, { mermaid: options.graphText });
}

function sendPage(response: http.ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  response.end(PAGE_HTML);
}

function sendAsset(response: http.ServerResponse, file: string, contentType: string): void {
  const content = fs.readFileSync(file);
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': content.length,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  response.end(content);
}
