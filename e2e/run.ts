// The browser test runner: builds the page (vite build), serves it with `vite preview` on
// 127.0.0.1 and a free port, drives Debian's Chromium through playwright-core, and runs every
// exported async function of every e2e/*.e2e.ts file as one test (fresh browser context each).
// Prints `e2e: N passed, M failed` and, with --summary-json FILE, writes {passed, failed}.
// Screenshots go to test-results/screenshots/. `--grep TEXT` runs only tests whose name matches;
// `--no-build` reuses dist/.

import { readdirSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build, preview } from 'vite';
import type { E2EContext, E2ETest } from './harness';

const root = new URL('..', import.meta.url).pathname;
const shots = join(root, 'test-results', 'screenshots');

// Chromium flags: no sandbox (CI containers run as root), and nothing that phones home.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu',
];

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  const summaryPath = arg('--summary-json');
  const grep = arg('--grep');
  mkdirSync(shots, { recursive: true });
  // Failure screenshots describe the last run only.
  for (const f of readdirSync(shots)) if (f.startsWith('FAILED-')) rmSync(join(shots, f));
  if (!process.argv.includes('--no-build')) await build({ root, logLevel: 'warn' });
  const port = await freePort();
  const server = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true } });
  const baseUrl = `http://127.0.0.1:${port}/`;
  let browser: Browser | null = null;
  let passed = 0;
  let failed = 0;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    const files = readdirSync(join(root, 'e2e')).filter((f) => f.endsWith('.e2e.ts')).sort();
    for (const f of files) {
      const mod = (await import(pathToFileURL(join(root, 'e2e', f)).href)) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(mod)) {
        if (typeof fn !== 'function') continue;
        if (grep && !name.includes(grep)) continue;
        // The built page forbids inline scripts and eval (its CSP, vite.config.ts). The WebGPU
        // agreement test injects its bundled test code as an inline script and compiles CPU
        // kernels on the page's main thread, so only its files run with the CSP bypassed.
        const bypassCSP = f.startsWith('webgpu');
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, bypassCSP });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        const ctx: E2EContext = {
          page,
          baseUrl,
          screenshot: async (shot) => {
            await page.screenshot({ path: join(shots, `${shot}.png`) });
          },
        };
        const t0 = Date.now();
        try {
          await (fn as E2ETest)(ctx);
          if (errors.length) throw new Error(`uncaught page errors:\n${errors.join('\n')}`);
          passed++;
          console.log(`  ✓ ${f} › ${name} (${Date.now() - t0} ms)`);
        } catch (e) {
          failed++;
          console.log(`  ✗ ${f} › ${name}\n    ${String((e as Error).stack ?? e).split('\n').slice(0, 6).join('\n    ')}`);
          await page.screenshot({ path: join(shots, `FAILED-${name}.png`) }).catch(() => {});
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser?.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  if (summaryPath) writeFileSync(summaryPath, JSON.stringify({ passed, failed }) + '\n');
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    const summaryPath = arg('--summary-json');
    if (summaryPath) writeFileSync(summaryPath, JSON.stringify({ passed: 0, failed: 1 }) + '\n');
    process.exit(1);
  },
);
