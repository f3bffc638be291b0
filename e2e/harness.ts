// What every browser test gets and the few helpers they share: wait for a run to finish, load a
// preset, replace the script, read the console, read an oracle golden (e2e/fixtures/*.json, made
// by ../shared/oracle/run.sh from the .py beside it).

import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface E2EContext {
  page: Page;
  baseUrl: string;
  screenshot(name: string): Promise<void>;
}

export type E2ETest = (t: E2EContext) => Promise<void>;

export function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

interface LabView {
  run: { status: string; id: number; message: string | null };
  script: string;
}

export async function labState(page: Page): Promise<LabView> {
  return page.evaluate(() => {
    const s = (window as unknown as { __lab: { getState(): LabView } }).__lab.getState();
    return { run: s.run, script: s.script };
  });
}

/** Wait until the run after `afterId` has finished (no timing assertion: generous ceiling). */
export async function waitForRun(page: Page, afterId = 0): Promise<LabView> {
  await page.waitForFunction(
    (after) => {
      const s = (window as unknown as { __lab?: { getState(): LabView } }).__lab?.getState();
      return !!s && s.run.id > after && s.run.status !== 'running';
    },
    afterId,
    { timeout: 60_000 },
  );
  return labState(page);
}

export async function openPage(t: E2EContext, query = ''): Promise<void> {
  await t.page.goto(t.baseUrl + query);
  await t.page.waitForSelector('[data-testid="editor"]');
}

export async function loadPreset(page: Page, id: string): Promise<void> {
  const before = (await labState(page)).run.id;
  await page.selectOption('#preset', id);
  await waitForRun(page, before);
}

/** Replace the whole script by typing into the editor (as a user pasting would). */
export async function replaceScript(page: Page, text: string): Promise<void> {
  await page.click('[data-testid="editor"]');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

export async function runScript(page: Page): Promise<LabView> {
  const before = (await labState(page)).run.id;
  await page.keyboard.press('ControlOrMeta+Enter');
  return waitForRun(page, before);
}

export const consoleText = (page: Page): Promise<string> => page.locator('[data-testid="console"]').innerText();

/** The oracle golden of a script: e2e/fixtures/NAME.json for scripts the tests produce by editing,
 * else the preset's own golden (src/share/presets/fixtures/NAME.json) — one copy per script. */
export function golden(name: string): { stdout: string; error: { type: string; message: string } | null } {
  const own = new URL(`./fixtures/${name}.json`, import.meta.url);
  const preset = new URL(`../src/share/presets/fixtures/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(existsSync(own) ? own : preset, 'utf8'));
}

/** A script from e2e/fixtures (the exact text a sequence of edits must produce). */
export const readFixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
