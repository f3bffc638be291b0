// Share links, embed mode, export / import and the presets gallery against the real engine in
// Chromium. A copied link opened in a fresh browser context restores the same script and
// selection (and prints what PyTorch prints — the presets' oracle goldens); garbage, cut-off,
// newer-version and oversized links say so and load the default preset; the embed view links
// back to the full playground with the same state; an exported file is the oracle-checked one and
// imports (file picker and drop) back to the same script; the gallery works from the keyboard.

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { assert, assertEqual, consoleText, labState, loadPreset, openPage, replaceScript, waitForRun, type E2EContext } from './harness';

const presetFile = (name: string): string => readFileSync(new URL(`../src/share/presets/${name}`, import.meta.url), 'utf8');
const presetGolden = (id: string): { stdout: string } => JSON.parse(presetFile(`fixtures/${id}.json`));
const exportFixture = (id: string): string => readFileSync(new URL(`../src/share/fixtures/export/${id}.py`, import.meta.url), 'utf8');

interface Shared { script: string; selectedCall: number; selectedNode: string | null; traceStep: number; inspectorTab: string; stdout: string | null; presetId: string | null }
const shared = (page: Page): Promise<Shared> => page.evaluate(() => {
  const s = (window as unknown as { __lab: { getState(): Shared & { report: { stdout: string } | null } } }).__lab.getState();
  return { script: s.script, selectedCall: s.selectedCall, selectedNode: s.selectedNode, traceStep: s.traceStep, inspectorTab: s.inspectorTab, stdout: s.report?.stdout ?? null, presetId: s.presetId };
});

/** A page in a brand-new browser context (no storage, no history shared with `t.page`). */
async function freshPage(t: E2EContext): Promise<Page> {
  const ctx = await t.page.context().browser()!.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  p.on('pageerror', (e) => { throw e; });
  return p;
}

async function copyLinkUrl(page: Page): Promise<string> {
  // Start from no hash, so the wait below sees this click's link and not an earlier one.
  await page.evaluate(() => history.replaceState(null, '', location.pathname + location.search));
  await page.click('[data-testid="copy-link"]');
  await page.waitForFunction(() => location.hash.startsWith('#v1.'));
  return page.evaluate(() => location.href);
}

export async function shareLinkRoundTrip(t: E2EContext): Promise<void> {
  await openPage(t);
  await waitForRun(t.page);
  await loadPreset(t.page, 'tied-lm-head');
  // Select the second call, a tree leaf, the trace tab and its third step.
  await t.page.click('[data-testid="call-tab-1"]');
  await t.page.click('[data-testid="leaf-head.weight"]');
  await t.page.click('[data-testid="tab-trace"]');
  await t.page.click('[data-testid="trace-next"]');
  await t.page.click('[data-testid="trace-next"]');
  const before = await shared(t.page);
  assertEqual(before.traceStep, 2, 'trace step before sharing');
  const url = await copyLinkUrl(t.page);
  const hash = url.slice(url.indexOf('#') + 1);
  console.log(`    (link for tied-lm-head with a selection: ${hash.length} characters)`);

  const p = await freshPage(t);
  try {
    await p.goto(url);
    await waitForRun(p);
    const after = await shared(p);
    assertEqual(after, before, 'state restored from the link');
    assertEqual(after.stdout, presetGolden('tied-lm-head').stdout, 'the restored script prints what PyTorch prints');
    assertEqual(await p.locator('[data-testid="trace-pos"]').innerText(), await t.page.locator('[data-testid="trace-pos"]').innerText(), 'same trace step shown');
    assert(await p.locator('[data-testid="leaf-head.weight"][aria-selected="true"]').count() === 1, 'same tree node selected');
    assert((await p.locator('#preset').inputValue()) === 'tied-lm-head', 'an unedited preset is recognized');
  } finally {
    await p.context().close();
  }

  // An edited script round-trips too (and is "Your script").
  await replaceScript(t.page, 'import torch\nprint("<b>not bold</b>", torch.ones(2) * 3)\n');
  const r = await labState(t.page);
  await t.page.keyboard.press('ControlOrMeta+Enter');
  await waitForRun(t.page, r.run.id);
  const url2 = await copyLinkUrl(t.page);
  const p2 = await freshPage(t);
  try {
    await p2.goto(url2);
    await waitForRun(p2);
    const s2 = await shared(p2);
    assertEqual(s2.script, 'import torch\nprint("<b>not bold</b>", torch.ones(2) * 3)\n', 'edited script restored');
    assertEqual(s2.presetId, null, 'an edited script is not a preset');
    // Markup in the script or its output stays text.
    assert((await consoleText(p2)).includes('<b>not bold</b> tensor([3., 3.])'), 'printed markup shown as text');
    assertEqual(await p2.locator('.console-body b, .cm-content b').count(), 0, 'no markup rendered');
  } finally {
    await p2.context().close();
  }
}

export async function badLinksSayWhyAndLoadTheDefault(t: E2EContext): Promise<void> {
  await openPage(t);
  await waitForRun(t.page);
  const good = await copyLinkUrl(t.page);
  const hash = good.slice(good.indexOf('#') + 1);
  const bomb = await t.page.evaluate(async () => {
    const s = new Blob([JSON.stringify({ s: 'a'.repeat(300_000) })]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const b = new Uint8Array(await new Response(s).arrayBuffer());
    const b64 = btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    return `v1.${b64.length.toString(36)}.${b64}`;
  });
  const cases: [string, string, RegExp][] = [
    ['garbage', 'hello-world', /not a Reparam Lab link/],
    ['truncated', hash.slice(0, Math.floor(hash.length * 0.6)), /cut off/],
    ['future', 'v9.3.abc', /newer version/],
    ['oversized', bomb, /more than 64 KB/],
    ['damaged', hash.slice(0, -6) + 'AAAAAA', /damaged|not a Reparam Lab link/],
  ];
  const def = presetFile('doc-tied-weights.py');
  for (const [name, h, msg] of cases) {
    const p = await freshPage(t);
    try {
      await p.goto(`${t.baseUrl}#${h}`);
      await waitForRun(p);
      const banner = await p.locator('[data-testid="banner"]').innerText();
      assert(msg.test(banner), `${name}: banner says why: ${banner}`);
      assert(banner.includes('default example is loaded'), `${name}: says what loaded`);
      const s = await shared(p);
      assertEqual(s.script, def, `${name}: default preset loaded`);
      assertEqual(s.stdout, presetGolden('doc-tied-weights').stdout, `${name}: and ran`);
      assertEqual(await p.evaluate(() => location.hash), '', `${name}: the bad hash left the address bar`);
      if (name === 'truncated') await p.screenshot({ path: 'test-results/screenshots/bad-link.png' });
      await p.click('[data-testid="banner"] button');
      assertEqual(await p.locator('[data-testid="banner"]').count(), 0, `${name}: banner dismissed`);
    } finally {
      await p.context().close();
    }
  }
  // A link pasted into the address bar of an open page (hash change only) opens too.
  await t.page.evaluate((h) => { location.hash = h; }, 'v9.1.x');
  await t.page.waitForSelector('[data-testid="banner"]');
}

export async function embedViewLinksToTheFullPlayground(t: E2EContext): Promise<void> {
  await openPage(t);
  await waitForRun(t.page);
  await loadPreset(t.page, 'batchnorm-train-eval');
  const url = await copyLinkUrl(t.page);
  const hash = url.slice(url.indexOf('#'));
  for (const theme of ['dark', 'light'] as const) {
    const p = await freshPage(t);
    try {
      await p.addInitScript((th) => localStorage.setItem('reparam-lab.theme', th), theme);
      await p.goto(`${t.baseUrl}?embed=1${hash}`);
      await p.waitForSelector('[data-testid="embed"]');
      await waitForRun(p);
      assertEqual((await shared(p)).stdout, presetGolden('batchnorm-train-eval').stdout, 'embed runs the linked script');
      assert((await consoleText(p)).includes('tensor([0.2000, 0.4000])'), 'result shown');
      await p.waitForSelector('[data-testid="leaf-running_mean"]');
      assertEqual(await p.locator('[data-testid="override-table"]').count(), 0, 'compact: no inspector');
      assertEqual(await p.locator('[data-testid="copy-link"]').count(), 0, 'compact: no full toolbar');
      await p.screenshot({ path: `test-results/screenshots/embed-${theme}.png` });
      await p.waitForFunction(() => (document.querySelector('[data-testid="open-full"]') as HTMLAnchorElement | null)?.href.includes('#v1.'));
      const full = await p.locator('[data-testid="open-full"]').getAttribute('href');
      assert(full !== null && !full.includes('embed=1'), `full-playground link: ${full}`);
      if (theme === 'dark') {
        const q = await freshPage(t);
        try {
          await q.goto(full!);
          await waitForRun(q);
          await q.waitForSelector('[data-testid="override-table"]');
          assertEqual((await shared(q)).script, presetFile('batchnorm-train-eval.py'), 'full playground opened with the same script');
        } finally {
          await q.context().close();
        }
      }
    } finally {
      await p.context().close();
    }
  }
}

export async function exportThenImportRoundTrip(t: E2EContext): Promise<void> {
  await openPage(t);
  await waitForRun(t.page);
  await loadPreset(t.page, 'parametrized-keys');
  const [download] = await Promise.all([t.page.waitForEvent('download'), t.page.click('[data-testid="export-py"]')]);
  const path = await download.path();
  const text = readFileSync(path, 'utf8');
  assertEqual(download.suggestedFilename(), 'reparam-lab.py', 'file name');
  // The file the oracle ran (plain python3, see src/share/fixtures/make-export-fixtures.ts).
  assertEqual(text, exportFixture('parametrized-keys'), 'exported file');
  assert(text.includes('torch.manual_seed(0)'), 'seeded (orthogonal init is random)');

  // Import through the file picker: the exported file loads back as the preset.
  await replaceScript(t.page, 'print(1)\n');
  let before = (await labState(t.page)).run.id;
  await t.page.setInputFiles('[data-testid="open-py-input"]', { name: 'reparam-lab.py', mimeType: 'text/x-python', buffer: Buffer.from(text) });
  await waitForRun(t.page, before);
  const s = await shared(t.page);
  assertEqual(s.script, presetFile('parametrized-keys.py'), 'imported script');
  assertEqual(s.stdout, presetGolden('parametrized-keys').stdout, 'and it runs as PyTorch does');

  // Import by dropping a file on the page (any file: a plain script, loaded as written).
  before = s.stdout === null ? 0 : (await labState(t.page)).run.id;
  await t.page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x = 6 * 7\nprint(x)\n'], 'answer.py', { type: 'text/x-python' }));
    const target = document.querySelector('[data-testid="module-tree"]') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await waitForRun(t.page, before);
  assertEqual((await shared(t.page)).script, 'x = 6 * 7\nprint(x)\n', 'dropped file loaded');
  assert((await consoleText(t.page)).includes('42'), 'dropped file ran');
  // A non-.py file is refused with a message.
  await t.page.setInputFiles('[data-testid="open-py-input"]', { name: 'weights.pt', mimeType: 'application/octet-stream', buffer: Buffer.from([1, 2, 3]) });
  assert((await t.page.locator('.notice').innerText()).includes('not a .py file'), 'refused');
}

export async function galleryLoadsFromTheKeyboard(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await t.page.addInitScript((th) => localStorage.setItem('reparam-lab.theme', th), theme);
    await openPage(t);
    await waitForRun(t.page);
    await t.page.focus('[data-testid="open-gallery"]');
    await t.page.keyboard.press('Enter');
    await t.page.waitForSelector('[data-testid="gallery"][open]');
    const cards = await t.page.locator('.card').count();
    assert(cards >= 12, `${cards} cards`);
    // Focus starts on the current preset's card; Tab walks the cards.
    assertEqual(await t.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'card-doc-tied-weights', 'focus on the current preset');
    await t.screenshot(`gallery-${theme}`);
    await t.page.keyboard.press('Escape');
    await t.page.waitForSelector('[data-testid="gallery"]:not([open])', { state: 'attached' });
    if (theme === 'light') break;
    await t.page.click('[data-testid="open-gallery"]');
    await t.page.focus('[data-testid="card-exception-mid-forward"]');
    const before = (await labState(t.page)).run.id;
    await t.page.keyboard.press('Enter');
    await waitForRun(t.page, before);
    const s = await shared(t.page);
    assertEqual(s.presetId, 'exception-mid-forward', 'preset loaded');
    assertEqual(s.stdout, presetGolden('exception-mid-forward').stdout, 'and printed what PyTorch prints');
    assert((await t.page.locator('[data-testid="restored"]').innerText()).includes('restored'), 'module restored after the exception');
    await t.screenshot('exception-mid-forward-dark');
  }
}

export async function pageRunsUnderItsContentSecurityPolicy(t: E2EContext): Promise<void> {
  await t.page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[]; __workerUrls: string[]; Worker: typeof Worker };
    w.__cspViolations = [];
    w.__workerUrls = [];
    const W = w.Worker;
    w.Worker = class extends W {
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        w.__workerUrls.push(String(url));
      }
    };
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // A link whose script prints markup: it must stay text, and nothing may be blocked or injected.
  const p0 = await freshPage(t);
  let url: string;
  try {
    await openPage({ ...t, page: p0 });
    await waitForRun(p0);
    await replaceScript(p0, 'print("<img src=x onerror=alert(1)>")\n');
    const id = (await labState(p0)).run.id;
    await p0.keyboard.press('ControlOrMeta+Enter');
    await waitForRun(p0, id);
    url = await copyLinkUrl(p0);
  } finally {
    await p0.context().close();
  }
  await t.page.goto(url);
  await waitForRun(t.page);
  const csp = await t.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert(csp !== null && csp.includes("script-src 'self'") && !csp.includes("'unsafe-eval'") && !/script-src[^;]*unsafe-inline/.test(csp), `CSP: ${csp}`);
  assertEqual((await shared(t.page)).stdout, '<img src=x onerror=alert(1)>\n', 'the run worker ran the script');
  // The run worker starts from a blob: module, so the page's policy covers it: no eval there either.
  const urls = await t.page.evaluate(() => (window as unknown as { __workerUrls: string[] }).__workerUrls);
  assert(urls.length >= 1 && urls.every((u) => u.startsWith('blob:')), `run worker URLs: ${urls.join(', ')}`);
  const workerEval = await t.page.evaluate(() => new Promise<string>((resolve) => {
    const src = 'let r; try { r = String(new Function("return 1")()); } catch (e) { r = e.name; } postMessage(r);';
    const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), { type: 'module' });
    w.onmessage = (e) => resolve(String(e.data));
  }));
  assertEqual(workerEval, 'EvalError', 'a blob worker inherits the no-eval policy');
  assert((await consoleText(t.page)).includes('<img src=x onerror=alert(1)>'), 'markup printed as text');
  assertEqual(await t.page.locator('img').count(), 0, 'no element made from the output');
  // DevTools-driven evaluation is exempt from CSP, so the probes run from a page task.
  const probes = await t.page.evaluate(() => new Promise<{ evalResult: string; inline: boolean }>((resolve) => {
    setTimeout(() => {
      let evalResult: string;
      try {
        evalResult = String((0, eval)('"eval ran"'));
      } catch (e) {
        evalResult = (e as Error).name;
      }
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      setTimeout(() => resolve({ evalResult, inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true }), 50);
    }, 0);
  }));
  assertEqual(probes, { evalResult: 'EvalError', inline: false }, 'eval and inline scripts are blocked on the page');
  const violations = await t.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  // Exactly our two probes were reported on the page: nothing the page itself does is blocked.
  assertEqual(violations.length, 2, `violations: ${violations.join(', ')}`);
  assert(violations.some((v) => v.includes('eval')) && violations.some((v) => v.includes('inline')), `violations: ${violations.join(', ')}`);
}

export async function shareViewsInBothThemes(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    const p = await freshPage(t);
    try {
      await p.addInitScript((th) => localStorage.setItem('reparam-lab.theme', th), theme);
      // A bad link's banner.
      await p.goto(`${t.baseUrl}#v9.1.x`);
      await waitForRun(p);
      assert((await p.locator('[data-testid="banner"]').innerText()).includes('newer version'), 'future-version banner');
      await p.screenshot({ path: `test-results/screenshots/bad-link-${theme}.png` });
      await p.click('[data-testid="banner"] button');
      // "Copy link" says what it did (here without clipboard permission: the address bar has it).
      await copyLinkUrl(p);
      const notice = await p.locator('.notice').innerText();
      assert(/Link (copied|is in the address bar)/.test(notice), `notice: ${notice}`);
      await p.screenshot({ path: `test-results/screenshots/link-copied-${theme}.png` });
      // Dragging a file over the page shows where to drop it.
      await p.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['print(1)\n'], 'x.py'));
        window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await p.waitForSelector('.drop-overlay');
      await p.screenshot({ path: `test-results/screenshots/drop-overlay-${theme}.png` });
    } finally {
      await p.context().close();
    }
  }
}
