// The page's numbers, measured in real Chromium (playwright-core driving /usr/bin/chromium) on a
// production build served by `vite preview`: cold load to interactive, the initial JS the page
// downloads (gzipped), edit → rendered result over every preset (p50 / p95), and how long the
// module tree takes to draw a 5,000-node model. Each row carries its target as the baseline
// (issue 8: ≤ 1 s, ≤ 300 KB, ≤ 50 ms, ≤ 500 ms), so the bench table says how far from it we are.
//
// Timings are taken inside the page (performance.now()), from the event that starts the work to
// the frame after the DOM has the result ("rendered" = a task after the next animation frame, i.e.
// after that frame was painted). Nothing here asserts; `npx tsx bench/page.ts` prints the rows.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { Row } from './engine';

const root = new URL('..', import.meta.url).pathname;
const GROUP = 'page';
/** Cold loads per measurement (each in a fresh browser context: empty cache, no storage). */
const COLD_LOADS = 5;
/** Edits per preset for the edit → result distribution. */
const EDITS_PER_PRESET = 5;
/** 1,700 Linear layers: 1 + 1,700 × 3 = 5,101 tree nodes (the issue's "5,000 nodes"). */
const BIG_LAYERS = 1700;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

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

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named inner functions in
 * `__name(fn, "name")`; functions handed to the page are sent as source text, so the page needs
 * that helper too.
 */
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

async function newPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await ctx.addInitScript(NAME_SHIM);
  return ctx.newPage();
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
};

/** Bytes of JS the page fetches before it can run: the entry script and its modulepreloads. */
function initialJs(outDir: string): { initial: number; initialRaw: number; worker: number } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  let initial = 0;
  let initialRaw = 0;
  for (const s of new Set(srcs)) {
    const buf = readFileSync(join(outDir, s.replace(/^\//, '')));
    initialRaw += buf.length;
    initial += gzipSync(buf, { level: 9 }).length;
  }
  let worker = 0;
  const assets = join(outDir, 'assets');
  const initialNames = new Set(srcs.map((s) => s.split('/').pop()));
  // Everything else the first run needs: the worker and the chunks it imports.
  for (const f of readdirSync(assets)) {
    if (f.endsWith('.js') && !initialNames.has(f) && !/\.report-/.test(f)) worker += gzipSync(readFileSync(join(assets, f)), { level: 9 }).length;
  }
  return { initial, initialRaw, worker };
}

/**
 * Installed before the page's own scripts: records when the editor first appears and when the
 * first run's result lands, each stamped after the frame that shows it is painted.
 */
function instrument(): void {
  const w = window as unknown as { __bench: Record<string, number>; __lab?: unknown };
  w.__bench = {};
  const afterPaint = (name: string) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { w.__bench[name] = performance.now(); };
    ch.port2.postMessage(null);
  });
  const mo = new MutationObserver(() => {
    if (document.querySelector('[data-testid="editor"]')) {
      mo.disconnect();
      afterPaint('interactive');
    }
  });
  mo.observe(document, { childList: true, subtree: true });
  let lab: unknown;
  Object.defineProperty(w, '__lab', {
    configurable: true,
    get: () => lab,
    set: (v: { getState(): { run: { status: string } }; subscribe(f: () => void): () => void }) => {
      lab = v;
      const off = v.subscribe(() => {
        if (v.getState().run.status === 'done') {
          off();
          afterPaint('firstResult');
        }
      });
    },
  });
}

interface LabLike { getState(): { run: { id: number; status: string }; report: unknown }; subscribe(f: () => void): () => void }

/** In the page: resolve with ms from the next Ctrl/Cmd+Enter keydown to the painted result. */
function armEditTimer(): void {
  const w = window as unknown as { __editMs: Promise<number>; __renderMs: number; __lab: LabLike };
  w.__editMs = new Promise<number>((resolve) => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      window.removeEventListener('keydown', onKey, true);
      const t0 = performance.now();
      const startId = w.__lab.getState().run.id;
      const off = w.__lab.subscribe(() => {
        const s = w.__lab.getState();
        if (s.run.id > startId && s.run.status !== 'running') {
          off();
          const t1 = performance.now();
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              const t2 = performance.now();
              w.__renderMs = t2 - t1;
              resolve(t2 - t0);
            };
            ch.port2.postMessage(null);
          });
        }
      });
    };
    window.addEventListener('keydown', onKey, true);
  });
}

/** In the page: ms from the report landing in the store to the painted tree (and the scroll). */
function armTreeTimer(): void {
  const w = window as unknown as { __treeMs: Promise<number>; __lab: LabLike };
  const before = w.__lab.getState().report;
  w.__treeMs = new Promise<number>((resolve) => {
    const off = w.__lab.subscribe(() => {
      if (w.__lab.getState().report === before) return;
      off();
      const t0 = performance.now();
      const wait = () => {
        // The tree has drawn the new model once its first layer's leaf is in the DOM.
        if (!document.querySelector('[data-testid="leaf-0.bias"]')) return void requestAnimationFrame(wait);
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.now() - t0);
          ch.port2.postMessage(null);
        });
      };
      wait();
    });
  });
}

async function waitIdle(page: Page, afterId: number): Promise<void> {
  await page.waitForFunction((after) => {
    const s = (window as unknown as { __lab?: LabLike }).__lab?.getState();
    return !!s && s.run.id > after && s.run.status !== 'running';
  }, afterId, { timeout: 120_000 });
}
const runId = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __lab: LabLike }).__lab.getState().run.id);

async function coldLoads(browser: Browser, url: string): Promise<{ interactive: number[]; firstResult: number[] }> {
  const interactive: number[] = [];
  const firstResult: number[] = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    const page = await newPage(browser);
    await page.addInitScript(instrument);
    await page.goto(url);
    await page.waitForFunction(() => {
      const b = (window as unknown as { __bench: Record<string, number> }).__bench;
      return b.interactive !== undefined && b.firstResult !== undefined;
    }, undefined, { timeout: 60_000 });
    const b = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
    interactive.push(b.interactive);
    firstResult.push(b.firstResult);
    await page.context().close();
  }
  return { interactive, firstResult };
}

async function editToResult(browser: Browser, url: string): Promise<{ samples: number[]; engine: number[]; render: number[]; presets: number }> {
  const page = await newPage(browser);
  await page.goto(url);
  await waitIdle(page, 0);
  const ids = await page.locator('#preset option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const samples: number[] = [];
  /** The run itself, as the worker timed it (report.durationMs): the rest is messaging and UI. */
  const engine: number[] = [];
  /** From the report landing in the store to the painted page: React + d3 + CodeMirror. */
  const render: number[] = [];
  for (const id of ids) {
    let before = await runId(page);
    await page.selectOption('#preset', id);
    await waitIdle(page, before);
    for (let k = 0; k < EDITS_PER_PRESET; k++) {
      // An edit (a blank line at the end), then Ctrl+Enter: timed from the run key to the paint.
      await page.click('[data-testid="editor"]');
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.press('Enter');
      before = await runId(page);
      await page.evaluate(armEditTimer);
      await page.keyboard.press('ControlOrMeta+Enter');
      samples.push(await page.evaluate(() => (window as unknown as { __editMs: Promise<number> }).__editMs));
      await waitIdle(page, before);
      engine.push(await page.evaluate(() => (window as unknown as { __lab: { getState(): { report: { durationMs: number } } } }).__lab.getState().report.durationMs));
      render.push(await page.evaluate(() => (window as unknown as { __renderMs: number }).__renderMs));
      if (process.env.BENCH_PAGE_VERBOSE) console.error(id, samples[samples.length - 1].toFixed(1), engine[engine.length - 1].toFixed(1), render[render.length - 1].toFixed(1));
    }
  }
  await page.context().close();
  return { samples, engine, render, presets: ids.length };
}

async function bigTree(browser: Browser, url: string): Promise<{ render: number; scroll: number }> {
  const page = await newPage(browser);
  await page.goto(url);
  await waitIdle(page, 0);
  const script = [
    'import torch', 'import torch.nn as nn', 'from torch.func import functional_call', '',
    `model = nn.Sequential(*[nn.Linear(2, 2) for _ in range(${BIG_LAYERS})])`,
    "out = functional_call(model, {'0.bias': torch.zeros(2)}, (torch.ones(1, 2),))", '',
  ].join('\n');
  await page.click('[data-testid="editor"]');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(script);
  const before = await runId(page);
  await page.evaluate(armTreeTimer);
  await page.keyboard.press('ControlOrMeta+Enter');
  await waitIdle(page, before);
  const render = await page.evaluate(() => (window as unknown as { __treeMs: Promise<number> }).__treeMs);
  const rows = await page.evaluate(() => (window as unknown as { __lab: { getState(): { report: { modules: unknown[] } } } }).__lab.getState().report.modules.length);
  if (rows === 0) throw new Error('the big model produced no module snapshot');
  const scroll = await page.evaluate(() => new Promise<number>((resolve) => {
    const el = document.querySelector('[data-testid="module-tree"]')!;
    const t0 = performance.now();
    el.scrollTo(0, el.scrollHeight);
    const wait = () => {
      if (!document.querySelector(`[data-testid="leaf-${1700 - 1}.bias"]`)) return void requestAnimationFrame(wait);
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t0);
        ch.port2.postMessage(null);
      });
    };
    wait();
  }));
  await page.context().close();
  return { render, scroll };
}

export async function benchPage(): Promise<Row[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'reparam-bench-page-'));
  let server: Awaited<ReturnType<typeof preview>> | null = null;
  let browser: Browser | null = null;
  try {
    await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
    const size = initialJs(outDir);
    const port = await freePort();
    server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
    const url = `http://127.0.0.1:${port}/`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    const cold = await coldLoads(browser, url);
    const edits = await editToResult(browser, url);
    const tree = await bigTree(browser, url);
    const target = (value: number) => ({ baseline: value, baselineName: 'target' });
    return [
      { group: GROUP, name: `cold load → editor interactive (median of ${COLD_LOADS})`, value: quantile(cold.interactive, 0.5), unit: 'ms', ...target(1000) },
      { group: GROUP, name: `cold load → first result painted (median of ${COLD_LOADS})`, value: quantile(cold.firstResult, 0.5), unit: 'ms' },
      { group: GROUP, name: 'initial JS, gzipped (entry + preloads)', value: size.initial / 1024, unit: 'KB', ...target(300) },
      { group: GROUP, name: 'initial JS, minified', value: size.initialRaw / 1024, unit: 'KB' },
      { group: GROUP, name: 'run worker + engine JS, gzipped (loads beside the page)', value: size.worker / 1024, unit: 'KB' },
      { group: GROUP, name: `edit → rendered result p50 (${edits.presets} presets × ${EDITS_PER_PRESET})`, value: quantile(edits.samples, 0.5), unit: 'ms', ...target(50) },
      { group: GROUP, name: `edit → rendered result p95 (${edits.presets} presets × ${EDITS_PER_PRESET})`, value: quantile(edits.samples, 0.95), unit: 'ms', ...target(50) },
      { group: GROUP, name: `  of which the run in the worker, p50 (report.durationMs)`, value: quantile(edits.engine, 0.5), unit: 'ms' },
      { group: GROUP, name: `  of which report → painted page, p50`, value: quantile(edits.render, 0.5), unit: 'ms' },
      { group: GROUP, name: `tree render, ${1 + BIG_LAYERS * 3} nodes (report → painted)`, value: tree.render, unit: 'ms', ...target(500) },
      { group: GROUP, name: `tree scroll to the last node, ${1 + BIG_LAYERS * 3} nodes`, value: tree.scroll, unit: 'ms' },
    ];
  } finally {
    await browser?.close();
    if (server) await new Promise<void>((r) => server!.httpServer.close(() => r()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

// `npx tsx bench/page.ts` prints the rows on their own.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchPage()) console.log(`${r.name.padEnd(62)} ${r.value.toFixed(1).padStart(8)} ${r.unit}${r.baseline !== undefined ? `   (target ≤ ${r.baseline} ${r.unit})` : ''}`);
  process.exit(0);
}
