import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { callHttp } from '../../lambdas/std/http';
import { isBlockedAddress, type Resolver } from '../../lambdas/std/http-destination';

/** std.http against a real HTTP server on 127.0.0.1. */

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];

function route(request: IncomingMessage, response: ServerResponse, body: string): void {
  received.push({ method: request.method, url: request.url, headers: request.headers, body });
  const path = (request.url ?? '').split('?')[0];

  if (path === '/json') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: true, echo: body }));
  } else if (path === '/text') {
    response.writeHead(201, { 'content-type': 'text/plain', 'x-trace': 't-1' });
    response.end('created');
  } else if (path === '/missing') {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'no such order' }));
  } else if (path === '/moved') {
    response.writeHead(302, { location: '/json' });
    response.end();
  } else if (path === '/to-metadata') {
    response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
    response.end();
  } else if (path === '/slow') {
    setTimeout(() => response.end('late'), 2000);
  } else {
    response.writeHead(500);
    response.end();
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => route(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

/** Resolves every name to one address, without DNS. */
function resolveTo(address: string): Resolver {
  return (_hostname, callback) => callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail.');
}

describe('std.http', () => {
  it('returns parsed JSON content', async () => {
    const response = await callHttp({ url: `${base}/json`, method: 'post', json: { amount: 3 }, params: { page: 2 } });

    expect(response.status).toBe(200);
    expect(response.content).toStrictEqual({ ok: true, echo: '{"amount":3}' });
    expect(received[0].method).toBe('POST');
    expect(received[0].url).toBe('/json?page=2');
    expect(received[0].headers['content-type']).toBe('application/json');
  });

  it('returns text content and headers', async () => {
    const response = await callHttp({ url: `${base}/text`, method: 'PUT', body: 'plain', headers: { 'x-request': 'r-1' } });

    expect(response.status).toBe(201);
    expect(response.content).toBe('created');
    expect(response.headers['x-trace']).toBe('t-1');
    expect(received[0].body).toBe('plain');
    expect(received[0].headers['x-request']).toBe('r-1');
  });

  it('follows a redirect', async () => {
    const response = await callHttp({ url: `${base}/moved` });

    expect(response.status).toBe(200);
    expect(received.map((request) => request.url)).toStrictEqual(['/moved', '/json']);
  });

  it('fails on a 404 with the response', async () => {
    const error = await errorOf(callHttp({ url: `${base}/missing` }));

    expect(error.name).toBe('HttpError.404');
    expect(JSON.parse(error.message)).toMatchObject({ status: 404, content: { message: 'no such order' } });
  });

  it('times out a slow server', async () => {
    const error = await errorOf(callHttp({ url: `${base}/slow`, timeout: 0.2 }));

    expect(error.name).toBe('HttpTimeout');
  });

  it('rejects invalid input', async () => {
    const cases = [undefined, { method: 'GET' }, { url: 'not a url' }, { url: base, method: 'BREW' }, { url: base, body: 'a', json: {} }, { url: base, timeout: 0 }];
    for (const input of cases) {
      const error = await errorOf(callHttp(input));
      expect({ input, name: error.name }).toStrictEqual({ input, name: 'InvalidInput' });
    }
    expect(received).toHaveLength(0);
  });
});

describe('std.http destinations', () => {
  it.each([
    ['metadata IPv4', 'http://169.254.169.254/latest/meta-data/'],
    ['ECS credentials', 'http://169.254.170.2/v2/credentials'],
    ['metadata IPv6', 'http://[fd00:ec2::254]/latest/meta-data/'],
    ['IPv6 link-local', 'http://[fe80::1]/'],
    ['IPv4-mapped metadata', 'http://[::ffff:169.254.169.254]/'],
  ])('rejects %s literal', async (_name, url) => {
    const error = await errorOf(callHttp({ url }));

    expect(error.name).toBe('HttpDestinationBlocked');
  });

  it.each([['file:///etc/passwd'], ['ftp://127.0.0.1/'], ['gopher://127.0.0.1/']])('rejects scheme of %s', async (url) => {
    const error = await errorOf(callHttp({ url }));

    expect(error.name).toBe('HttpDestinationBlocked');
    expect(error.message).toContain('is not allowed: use http:// or https://');
  });

  it('rejects a host resolving to metadata', async () => {
    const error = await errorOf(callHttp({ url: 'http://metadata.internal.test/' }, resolveTo('169.254.169.254')));

    expect(error.name).toBe('HttpDestinationBlocked');
    expect(error.message).toContain("Host 'metadata.internal.test' resolves to 169.254.169.254");
  });

  it('rejects a host resolving to IPv6 metadata', async () => {
    const error = await errorOf(callHttp({ url: 'http://rebind.test/' }, resolveTo('fd00:ec2::254')));

    expect(error.name).toBe('HttpDestinationBlocked');
  });

  it('rejects a redirect to metadata', async () => {
    const error = await errorOf(callHttp({ url: `${base}/to-metadata` }));

    expect(error.name).toBe('HttpDestinationBlocked');
    expect(received.map((request) => request.url)).toStrictEqual(['/to-metadata']);
  });

  it('calls a host resolving to loopback', async () => {
    const port = new URL(base).port;
    const response = await callHttp({ url: `http://orders.test:${port}/json` }, resolveTo('127.0.0.1'));

    expect(response.status).toBe(200);
    expect(received[0].headers.host).toBe(`orders.test:${port}`);
  });

  it.each([
    ['169.254.0.1', true],
    ['169.254.255.255', true],
    ['100.100.100.200', true],
    ['fe80::abcd', true],
    ['::ffff:169.254.1.1', true],
    ['::ffff:a9fe:a9fe', true],
    ['127.0.0.1', false],
    ['10.0.0.5', false],
    ['169.253.255.255', false],
    ['::1', false],
  ])('classifies %s as blocked %s', (address, expected) => {
    expect(isBlockedAddress(address)).toBe(expected);
  });
});
