// The resizable layout (src/ui/layout) in Chromium: the splitters between editor | tree |
// inspector and above the console move with the mouse (without selecting text) and with the
// keyboard (arrows, Shift, Home/End, double-click to reset), stop at each pane's minimum width,
// keep their place across a reload — but not inside a share link, which opens in the viewer's
// own layout — and give way to a stacked page below 900 px. Expected sizes come from the layout
// model itself (split.ts constants), measured against what the browser lays out.

import type { Page } from 'playwright-core';
import { assert, labState, openPage, waitForRun, type E2EContext } from './harness';
import { COL_STEP, COL_STEP_BIG, CONSOLE_STEP, DEFAULT_LAYOUT, MIN_COL_PX, MIN_CONSOLE_PX, MIN_PANES_PX } from '../src/ui/layout/split';
import { LAYOUT_KEY } from '../src/ui/layout/persist';

const EDITOR_TREE = '[data-testid="splitter-editor-tree"]';
const TREE_INSPECTOR = '[data-testid="splitter-tree-inspector"]';
const CONSOLE = '[data-testid="splitter-console"]';

interface Sizes { editor: number; tree: number; inspector: number; console: number; panesH: number; row: number }

async function sizes(page: Page): Promise<Sizes> {
  return page.evaluate(() => {
    // (No named helper functions in here: tsx would wrap them in a __name() the page lacks.)
    const [e, t, i, c] = ['pane-editor', 'pane-tree', 'pane-inspector', 'pane-console'].map((id) => document.getElementById(id)!.getBoundingClientRect());
    return { editor: e.width, tree: t.width, inspector: i.width, console: c.height, panesH: e.height, row: e.width + t.width + i.width };
  });
}

/** Within a pixel (layout rounds to device pixels; fr tracks may split a remainder). */
function near(actual: number, expected: number, what: string, tol = 1.5): void {
  assert(Math.abs(actual - expected) <= tol, `${what}: expected ≈${expected.toFixed(1)}, got ${actual.toFixed(1)}`);
}

/** Drag the middle of a splitter by (dx, dy) with the real mouse, in several moves. */
async function drag(page: Page, selector: string, dx: number, dy: number): Promise<void> {
  const box = (await page.locator(selector).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 6 });
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

const valueNow = async (page: Page, selector: string): Promise<number> => Number(await page.getAttribute(selector, 'aria-valuenow'));

async function ready(t: E2EContext, theme?: 'dark' | 'light'): Promise<void> {
  if (theme) await t.page.addInitScript((th) => localStorage.setItem('reparam-lab.theme', th), theme);
  await openPage(t);
  await waitForRun(t.page);
  await t.page.waitForSelector('[data-testid="override-table"]');
}

export async function splitterDragsWithTheMouse(t: E2EContext): Promise<void> {
  await ready(t);
  const s0 = await sizes(t.page);
  // The default layout, as split.ts states it.
  near(s0.editor, DEFAULT_LAYOUT.cols[0] * s0.row, 'default editor width');
  near(s0.inspector, DEFAULT_LAYOUT.cols[2] * s0.row, 'default inspector width');
  near(s0.console, DEFAULT_LAYOUT.consolePx, 'default console height');

  // (100 px: within what the tree can give before its minimum width.)
  assert(s0.tree - 100 > MIN_COL_PX[1], 'the test drag stays clear of the tree minimum');
  await drag(t.page, EDITOR_TREE, 100, 0);
  const s1 = await sizes(t.page);
  near(s1.editor, s0.editor + 100, 'editor after dragging its splitter 100 px right');
  near(s1.tree, s0.tree - 100, 'tree gives up what the editor took');
  near(s1.inspector, s0.inspector, 'the inspector is not touched');
  const selected = await t.page.evaluate(() => String(window.getSelection()));
  assert(selected === '', `a drag selects no text, got ${JSON.stringify(selected.slice(0, 40))}`);
  near(await valueNow(t.page, EDITOR_TREE), (100 * s1.editor) / s1.row, 'aria-valuenow is the editor’s share of the row', 0.2);

  await drag(t.page, TREE_INSPECTOR, 60, 0);
  const s2 = await sizes(t.page);
  near(s2.tree, s1.tree + 60, 'tree after its right splitter moves 60 px right');
  near(s2.inspector, s1.inspector - 60, 'inspector after the same drag');
  near(s2.editor, s1.editor, 'the editor is not touched');

  await drag(t.page, CONSOLE, 0, -100);
  const s3 = await sizes(t.page);
  near(s3.console, s2.console + 100, 'console after dragging its splitter 100 px up');
  near(s3.panesH, s2.panesH - 100, 'the panes give up the height');
  near(await valueNow(t.page, CONSOLE), s3.console, 'console splitter value is its height', 1);
  // Double-click puts a splitter back where the page started.
  await t.page.dblclick(EDITOR_TREE);
  near((await sizes(t.page)).editor, DEFAULT_LAYOUT.cols[0] * s0.row, 'double-click resets the editor width');
  await t.page.dblclick(CONSOLE);
  near((await sizes(t.page)).console, DEFAULT_LAYOUT.consolePx, 'double-click resets the console');
  // The editor still works after all this: the page is live and typing goes into it.
  await t.page.click('[data-testid="editor"]');
  await t.page.keyboard.press('End');
  await t.page.keyboard.type('  # still typing');
  const script = await t.page.evaluate(() => (window as unknown as { __lab: { getState(): { script: string } } }).__lab.getState().script);
  assert(script.includes('# still typing'), 'the editor takes keys after the drags');
}

export async function splitterMovesWithTheKeyboard(t: E2EContext): Promise<void> {
  await ready(t);
  const s0 = await sizes(t.page);
  await t.page.focus(EDITOR_TREE);
  assert(await t.page.evaluate((sel) => document.activeElement === document.querySelector(sel), EDITOR_TREE), 'the splitter takes focus');
  const attrs = await t.page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    return ['role', 'aria-orientation', 'aria-valuemin', 'aria-valuemax', 'aria-label', 'tabindex'].map((a) => el.getAttribute(a));
  }, EDITOR_TREE);
  assert(attrs[0] === 'separator' && attrs[1] === 'vertical' && attrs[5] === '0', `separator semantics: ${JSON.stringify(attrs)}`);
  near(Number(attrs[2]), (100 * MIN_COL_PX[0]) / s0.row, 'aria-valuemin is the editor’s minimum share', 0.2);

  await t.page.keyboard.press('ArrowRight');
  near((await sizes(t.page)).editor, s0.editor + COL_STEP * s0.row, 'ArrowRight widens the editor by one step');
  await t.page.keyboard.press('Shift+ArrowLeft');
  near((await sizes(t.page)).editor, s0.editor + (COL_STEP - COL_STEP_BIG) * s0.row, 'Shift+ArrowLeft takes a big step back');
  await t.page.keyboard.press('ArrowUp');
  near((await sizes(t.page)).editor, s0.editor + (COL_STEP - COL_STEP_BIG) * s0.row, 'ArrowUp does not move a vertical splitter');
  await t.page.keyboard.press('Home');
  near((await sizes(t.page)).editor, MIN_COL_PX[0], 'Home: the editor at its minimum');
  await t.page.keyboard.press('End');
  const end = await sizes(t.page);
  near(end.tree, MIN_COL_PX[1], 'End: the tree at its minimum');
  near(end.inspector, s0.inspector, 'End moves only this boundary');

  await t.page.focus(TREE_INSPECTOR);
  await t.page.keyboard.press('End');
  near((await sizes(t.page)).inspector, MIN_COL_PX[2], 'End on the second splitter: inspector at its minimum');

  await t.page.focus(CONSOLE);
  const c0 = (await sizes(t.page)).console;
  await t.page.keyboard.press('ArrowUp');
  near((await sizes(t.page)).console, c0 + CONSOLE_STEP, 'ArrowUp grows the console');
  await t.page.keyboard.press('Home');
  near((await sizes(t.page)).console, MIN_CONSOLE_PX, 'Home: the console at its minimum');
  // Keys in the editor are the editor's: arrows there do not move any splitter.
  const before = await sizes(t.page);
  await t.page.click('[data-testid="editor"]');
  await t.page.keyboard.press('ArrowRight');
  await t.page.keyboard.press('Home');
  const after = await sizes(t.page);
  near(after.editor, before.editor, 'editor keys leave the layout alone', 0.5);
  await t.screenshot('layout-keyboard-min');
}

export async function layoutPersistsAcrossReload(t: E2EContext): Promise<void> {
  await ready(t);
  await drag(t.page, EDITOR_TREE, 120, 0);
  await drag(t.page, CONSOLE, 0, -80);
  const before = await sizes(t.page);
  const stored = await t.page.evaluate((k) => localStorage.getItem(k), LAYOUT_KEY);
  assert(stored !== null, 'the layout is saved in localStorage');
  await t.page.reload();
  await t.page.waitForSelector('[data-testid="editor"]');
  await waitForRun(t.page);
  const after = await sizes(t.page);
  near(after.editor, before.editor, 'editor width after reload');
  near(after.tree, before.tree, 'tree width after reload');
  near(after.console, before.console, 'console height after reload');

  // A share link carries the script, not the layout: with no saved layout of its own, the
  // viewer gets the default, whatever the sharer's panes looked like.
  await t.page.evaluate(() => history.replaceState(null, '', location.pathname));
  await t.page.click('[data-testid="copy-link"]');
  await t.page.waitForFunction(() => location.hash.startsWith('#v1.'));
  const url = await t.page.evaluate(() => location.href);
  const ctx = await t.page.context().browser()!.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const p = await ctx.newPage();
    await p.goto(url);
    await p.waitForSelector('[data-testid="editor"]');
    await waitForRun(p);
    const fresh = await sizes(p);
    near(fresh.editor, DEFAULT_LAYOUT.cols[0] * fresh.row, 'a shared link opens in the viewer’s (default) layout');
    near(fresh.console, DEFAULT_LAYOUT.consolePx, 'and the default console height');
  } finally {
    await ctx.close();
  }
}

export async function splittersStopAtMinimumSizes(t: E2EContext): Promise<void> {
  await ready(t);
  await drag(t.page, EDITOR_TREE, -2000, 0);
  near((await sizes(t.page)).editor, MIN_COL_PX[0], 'editor dragged far left stops at its minimum');
  await drag(t.page, EDITOR_TREE, 2000, 0);
  near((await sizes(t.page)).tree, MIN_COL_PX[1], 'tree squeezed from the left stops at its minimum');
  const e0 = (await sizes(t.page)).editor;
  await drag(t.page, TREE_INSPECTOR, 2000, 0);
  const s = await sizes(t.page);
  near(s.inspector, MIN_COL_PX[2], 'inspector squeezed from the left stops at its minimum');
  near(s.editor, e0, 'the editor does not move for the other splitter');
  await drag(t.page, TREE_INSPECTOR, -2000, 0);
  near((await sizes(t.page)).tree, MIN_COL_PX[1], 'tree squeezed from the right stops at its minimum');
  await drag(t.page, CONSOLE, 0, -2000);
  near((await sizes(t.page)).panesH, MIN_PANES_PX, 'console dragged to the top leaves the panes their minimum height');
  await drag(t.page, CONSOLE, 0, 2000);
  near((await sizes(t.page)).console, MIN_CONSOLE_PX, 'console dragged to the bottom keeps its minimum');
  // A narrower window than the saved layout was made for: the saved shares would squeeze the
  // editor, but every pane still gets at least its minimum.
  await t.page.setViewportSize({ width: 960, height: 700 });
  // The grid refits after the browser reports the new size (a ResizeObserver), so wait for it.
  const fits = await t.page
    .waitForFunction((min) => document.getElementById('pane-console')!.getBoundingClientRect().width < 1000 && document.getElementById('pane-tree')!.getBoundingClientRect().width >= min - 1, MIN_COL_PX[1], { timeout: 5000 })
    .then(() => true, () => false);
  const narrow = await sizes(t.page);
  assert(fits, `the tree regains its minimum at 960 px (is ${narrow.tree})`);
  for (const [i, k] of (['editor', 'tree', 'inspector'] as const).entries()) {
    assert(narrow[k] >= MIN_COL_PX[i] - 1, `${k} at 960 px: ${narrow[k]} ≥ ${MIN_COL_PX[i]}`);
  }
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert(overflow <= 0, `no sideways scrolling at 960 px (overflow ${overflow} px)`);
  await t.screenshot('layout-960-squeezed');
}

export async function narrowWindowStacksThePanes(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await t.page.setViewportSize({ width: 760, height: 900 });
    await ready(t, theme);
    const boxes = await t.page.evaluate(() =>
      ['pane-editor', 'pane-tree', 'pane-inspector', 'pane-console'].map((id) => {
        const r = document.getElementById(id)!.getBoundingClientRect();
        return { top: r.top + scrollY, left: r.left, width: r.width, height: r.height };
      }),
    );
    for (let k = 1; k < boxes.length; k++) assert(boxes[k].top >= boxes[k - 1].top + boxes[k - 1].height - 1, `pane ${k} sits below pane ${k - 1}`);
    for (const b of boxes) near(b.width, 760, 'a stacked pane spans the window');
    assert(boxes.every((b) => b.height >= 200), `every pane has room: ${boxes.map((b) => b.height).join(', ')}`);
    assert((await t.page.locator('[role="separator"]:visible').count()) === 0, 'no splitters in the stacked layout');
    const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert(overflow <= 0, `no sideways scrolling at 760 px (overflow ${overflow} px)`);
    // Everything in the toolbar is on screen (it wraps rather than cut anything off).
    const offscreen = await t.page.evaluate(() =>
      [...document.querySelectorAll('.toolbar > *')]
        .filter((el) => getComputedStyle(el).display !== 'none' && !el.classList.contains('sr-only') && !el.classList.contains('spacer'))
        .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < 0); })
        .map((el) => el.textContent),
    );
    assert(offscreen.length === 0, `toolbar items cut off: ${JSON.stringify(offscreen)}`);
    // The page still runs.
    const id = (await labState(t.page)).run.id;
    await t.page.click('[data-testid="run"]');
    await waitForRun(t.page, id);
    await t.screenshot(`narrow-${theme}`);
    await t.page.locator('#pane-inspector').scrollIntoViewIfNeeded();
    await t.screenshot(`narrow-inspector-${theme}`);
  }
}

export async function resizedLayoutLooks(t: E2EContext): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await ready(t, theme);
    await drag(t.page, EDITOR_TREE, 140, 0);
    await drag(t.page, CONSOLE, 0, 60);
    await t.page.focus(TREE_INSPECTOR);
    await t.page.keyboard.press('ArrowLeft');
    await t.screenshot(`layout-resized-${theme}`);
  }
}
