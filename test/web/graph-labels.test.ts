import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

import type { LoopbackServer } from '../../lib/local/http/loopback-server';
import { createMemoryLog } from '../../lib/local/log';
import { toMermaid, type AslStates } from '../../lib/web/mermaid';
import { bundlePage } from '../../lib/web/page-bundle';
import { startWebServer } from '../../lib/web/web-server';

// The web view's own graph component draws the labels in headless Chromium,
// with the Mermaid settings of the page (`htmlLabels: false`).
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CONDITION = `$a < 3 and ($not($b) or $c > 2) & "x" = 'y'`;
const STATE_NAME = 'check "all" (a<b)';

const definition: AslStates = {
  StartAt: STATE_NAME,
  States: {
    [STATE_NAME]: {
      Type: 'Choice',
      Choices: [{ Condition: `{% ${CONDITION} %}`, Next: 'done' }],
      Default: 'done',
    },
    done: { Type: 'Succeed' },
  },
};

let bundleDir: string;
let server: LoopbackServer;
let browser: Browser;

beforeAll(async () => {
  bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-labels-'));
  server = await startWebServer({
    port: 0,
    assets: await bundlePage(bundleDir),
    workflows: [],
    graphText: toMermaid(definition),
    approvalLinks: async () => undefined,
    log: createMemoryLog(),
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(bundleDir, { recursive: true, force: true });
});

/** Returns the text of each element as drawn, with a space where Mermaid wrapped a line. */
function renderedLines(elements: Element[]): string[] {
  return elements.map((element) => {
    const rows = Array.from(element.querySelectorAll('tspan.row'), (row) => row.textContent ?? '');
    return rows.length > 0 ? rows.join(' ') : element.textContent ?? '';
  });
}

/** Collapses the spaces between the SVG text spans that Mermaid wraps words into. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('graph labels in Chromium', () => {
  test('shows a condition as written', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/#/graph`);
    await page.locator('.graph-canvas[data-rendered="true"] svg').waitFor();

    const labels = await page.locator('.graph-canvas .edgeLabel').evaluateAll(renderedLines);
    const nodes = await page.locator('.graph-canvas g.node').evaluateAll(renderedLines);
    const expected = CONDITION.replace(/"/g, '\uFF02');

    expect(labels.map(normalized)).toContain(expected.slice(0, 39) + '…');
    expect(nodes.map(normalized)).toContain('check ＂all＂ (a<\u200Bb)');
    expect(labels.join(' ')).not.toMatch(/&#|#\d+;/);
    await page.close();
  }, 60_000);
});
