import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as path from 'node:path';

import type { LoopbackServer } from '../local/http/loopback-server';
import type { LocalRuntime } from '../local/runtime';
import { DEFAULT_PORTS, type RuntimePorts } from '../local/runtime-ports';
import { readApprovalLinks } from './approval-links';
import { readWebViewResources } from './local-resources';
import { bundlePage } from './page-bundle';
import { startWebServer } from './web-server';

/** Port of the web view of `sirocco start`, next to the runtime's 4710 to 4714. */
export const DEFAULT_WEB_PORT = 4715;

const RUNTIME_PORT_COUNT = Object.keys(DEFAULT_PORTS).length;

/**
 * Returns the web view port for the runtime's `ports` option: 0 when every
 * runtime port is 0, as tests request, so that they do not collide on 4715.
 */
export function webViewPortFor(ports: Partial<RuntimePorts> | 0 | undefined): number {
  if (ports === 0) return 0;
  const values = Object.values(ports ?? {});
  return values.length === RUNTIME_PORT_COUNT && values.every((port) => port === 0) ? 0 : DEFAULT_WEB_PORT;
}

export interface WebViewOptions {
  /** The runtime's data folder. The page bundle goes to `<dataDir>/web`. */
  dataDir: string;
  /** 0 picks a free port. @default DEFAULT_WEB_PORT */
  port?: number;
}

/**
 * Bundles the page and starts the web view of a running local runtime.
 * Stop it with `close()` before the runtime.
 */
export async function startWebView(runtime: LocalRuntime, options: WebViewOptions): Promise<LoopbackServer> {
  const resources = readWebViewResources(runtime.stacks);
  const assets = await bundlePage(path.join(options.dataDir, 'web'));
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.urls.dynamodb,
      region: runtime.clientEnvironment.AWS_REGION ?? 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
  );
  const approvalsBaseUrl = `${runtime.urls.apiGateway}${resources.approvalsStagePath ?? ''}`;
  const controlApiUrl =
    resources.controlStagePath === undefined ? undefined : `${runtime.urls.apiGateway}${resources.controlStagePath}`;

  const server = await startWebServer({
    port: options.port ?? DEFAULT_WEB_PORT,
    assets,
    controlApiUrl,
    workflows: resources.workflows,
    approvalLinks: async (groupId) => {
      if (!resources.historyTable) return undefined;
      return readApprovalLinks(documents, resources.historyTable, groupId, approvalsBaseUrl, runtime.outbox.messages());
    },
    log: runtime.log,
  });

  return {
    ...server,
    close: async () => {
      await server.close();
      documents.destroy();
    },
  };
}

/**
 * Starts the web view of `runtime` and makes `runtime.stop()` close it
 * first. Returns the web view's URL. When the web view fails to start, it
 * stops the runtime and rethrows, so that no server is left running.
 */
export async function attachWebView(runtime: LocalRuntime, options: WebViewOptions): Promise<string> {
  let webView: LoopbackServer;
  try {
    webView = await startWebView(runtime, options);
  } catch (error) {
    await runtime.stop();
    throw error;
  }

  const stopRuntime = runtime.stop;
  runtime.stop = () => webView.close().finally(stopRuntime);
  return webView.url;
}
