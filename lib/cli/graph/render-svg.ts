import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import type { LoopbackServer } from '../../local/http/loopback-server';
import { createMemoryLog } from '../../local/log';
import { bundlePage, type PageAssets } from '../../web/page-bundle';
import { startWebServer } from '../../web/web-server';

/** Debian's Chromium, which playwright-core drives. Override with CHROMIUM_PATH. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** How long the page may take to draw the graph, in milliseconds. */
const RENDER_TIMEOUT_MILLISECONDS = 30_000;

/** A failure to bundle the page, start Chromium or render the diagram. */
export class SvgRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SvgRenderError';
  }
}

/**
 * Renders Mermaid text to SVG with the web view's own page, so that the file
 * equals the graph that the web view draws. It bundles the page, serves it
 * and the text from a web server on a free loopback port, and reads the SVG
 * that the page's graph component draws on `#/graph` in headless Chromium.
 * The browser loads nothing but that server: other requests are aborted and
 * host names do not resolve.
 */
export async function renderSvg(mermaidText: string, chromiumPath = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH): Promise<string> {
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-graph-'));
  let server: LoopbackServer | undefined;
  let browser: Browser | undefined;

  try {
    const assets = await bundleAssets(bundleDir);
    server = await startWebServer({
      port: 0,
      assets,
      workflows: [],
      graphText: mermaidText,
      approvalLinks: async () => undefined,
      log: createMemoryLog(),
    });
    browser = await launchChromium(chromiumPath);
    const page = await browser.newPage();
    return await readGraphSvg(page, server.url);
  } finally {
    await browser?.close();
    await server?.close();
    fs.rmSync(bundleDir, { recursive: true, force: true });
  }
}

async function bundleAssets(bundleDir: string): Promise<PageAssets> {
  try {
    return await bundlePage(bundleDir);
  } catch (error) {
    throw new SvgRenderError(`Bundling the web view's page failed: ${firstLine(error)}. Use --format mermaid meanwhile.`);
  }
}

async function launchChromium(chromiumPath: string): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
  } catch (error) {
    throw new SvgRenderError(
      `Starting Chromium at ${chromiumPath} failed: ${firstLine(error)}. ` +
        'Install chromium or set CHROMIUM_PATH, or use --format mermaid.',
    );
  }
}

/**
 * Opens `#/graph` and waits until the page has drawn the SVG or shown an
 * error. Returns the SVG element serialized as XML, so that the file is a
 * standalone SVG document.
 */
async function readGraphSvg(page: Page, serverUrl: string): Promise<string> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.route('**/*', (route) => (route.request().url().startsWith(`${serverUrl}/`) ? route.continue() : route.abort()));
  await page.goto(`${serverUrl}/#/graph`);

  const drawn = page.locator('.graph-canvas[data-rendered="true"] svg');
  const failed = page.locator('#app .error');
  try {
    await drawn.or(failed).first().waitFor({ timeout: RENDER_TIMEOUT_MILLISECONDS });
  } catch {
    const reason = pageErrors[0] ? ` The page reported: ${pageErrors[0]}` : '';
    throw new SvgRenderError(`Drawing the graph in the web view's page timed out after ${RENDER_TIMEOUT_MILLISECONDS / 1000} seconds.${reason}`);
  }

  if ((await failed.count()) > 0) {
    throw new SvgRenderError((await failed.first().textContent()) ?? 'The graph failed to render.');
  }
  return drawn.evaluate((svg) => new XMLSerializer().serializeToString(svg));
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
