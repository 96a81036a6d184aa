import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export const LOOPBACK_HOST = '127.0.0.1';

/** An HTTP server listening on 127.0.0.1, with its base URL. */
export interface LoopbackServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1; port 0 picks a free port. */
export async function listenOnLoopback(server: http.Server, port: number): Promise<LoopbackServer> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`Port ${port} on ${LOOPBACK_HOST} is already in use. Stop the process that uses it, or choose another port.`));
        return;
      }
      reject(error);
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK_HOST}:${address.port}`,
    port: address.port,
    close: () => closeServer(server),
  };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

export function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function sendJson(
  response: http.ServerResponse,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
