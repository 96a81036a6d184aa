import { chromium } from 'playwright-core';

/** Debian's Chromium, which playwright-core drives. Override with CHROMIUM_PATH. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** A failure to start Chromium or to render the diagram. */
export class SvgRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SvgRenderError';
  }
}

/**
 * Renders Mermaid text to SVG in headless Chromium, with the browser build of
 * the installed `mermaid` package, which the web view serves too. The page
 * loads nothing over the network: every request is aborted and host names
 * do not resolve.
 */
export async function renderSvg(mermaidText: string, chromiumPath = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH): Promise<string> {
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND'],
    });
  } catch (error) {
    throw new SvgRenderError(
      `Starting Chromium at ${chromiumPath} failed: ${(error as Error).message.split('\n')[0]}. ` +
        'Install chromium or set CHROMIUM_PATH, or use --format mermaid.',
    );
  }

  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });

    return await page.evaluate(async (text) => {
      const mermaid = (globalThis as unknown as { mermaid: MermaidApi }).mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false, flowchart: { htmlLabels: false } });
      const { svg } = await mermaid.render('graph', text);
      return svg;
    }, mermaidText);
  } catch (error) {
    throw new SvgRenderError(`Rendering the graph with Mermaid failed: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await browser.close();
  }
}

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
