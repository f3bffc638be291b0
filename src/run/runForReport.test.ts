// runForReport over the real interpreter (plain Python; the torch bindings are tested with the
// report builder): console order, the error record and its underline, the time limit.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { runForReport } from './runForReport';
import { prepareRuntime } from './prepare';
import type { ModuleNode, ModuleRef } from './report';

describe('runForReport', () => {
  it('captures stdout and ends with an empty error', async () => {
    const r = await runForReport('x = 2\nprint("hi", x)\n');
    expect(r.stdout).toBe('hi 2\n');
    expect(r.console).toEqual([{ stream: 'stdout', text: 'hi 2\n' }]);
    expect(r.error).toBeNull();
    expect(r.calls).toEqual([]);
    expect(r.filename).toBe('main.py');
  });

  it('records an uncaught exception with its traceback text and the line to underline', async () => {
    const src = 'print(1)\ndef f():\n    return {}["r"]\nf()\n';
    const r = await runForReport(src);
    expect(r.error!.type).toBe('KeyError');
    expect(r.error!.traceback.map((f) => f.line)).toEqual([4, 3]);
    // The underline is what the traceback's caret line marks under line 3.
    const tb = r.error!.text.split('\n');
    const i = tb.findIndex((l) => l.includes('line 3,'));
    const carets = tb[i + 2];
    expect(carets.trim()).toMatch(/^[~^]+$/);
    const marked = tb[i + 1].slice(carets.search(/[~^]/), carets.trimEnd().length);
    expect(src.slice(r.error!.span!.from, r.error!.span!.to)).toBe(marked);
    expect(marked.length).toBeGreaterThan(0);
    expect(r.console[0]).toEqual({ stream: 'stdout', text: '1\n' });
    expect(r.console[1].stream).toBe('stderr');
    expect(r.console[1].text).toBe(r.error!.text);
    expect(r.error!.text.startsWith('Traceback (most recent call last):')).toBe(true);
  });

  it('points a syntax error at its position', async () => {
    const src = 'print(1)\nx = = 2\n';
    const r = await runForReport(src);
    expect(r.error!.type).toBe('SyntaxError');
    expect(r.error!.span!.line).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('stops a runaway loop with TimeoutError naming the limit', async () => {
    const r = await runForReport('while True:\n    pass\n', { maxMillis: 200 });
    expect(r.error!.type).toBe('TimeoutError');
    expect(r.error!.message).toContain('200 ms');
    expect(r.error!.span!.line).toBeGreaterThanOrEqual(1);
  });

  it('installs and clears the observer around the run', async () => {
    const seen: unknown[] = [];
    await runForReport('pass\n', { setObserver: (o) => seen.push(o) });
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBeNull();
    expect(seen[1]).toBeNull();
  });
});

describe('runForReport with the torch bindings', () => {
  // A script and its oracle golden: e2e/fixtures for edited scripts, else the preset and its golden.
  const fixture = (name: string): string => {
    const own = new URL(`../../e2e/fixtures/${name}`, import.meta.url);
    const preset = new URL(`../share/presets/${name.endsWith('.json') ? 'fixtures/' : ''}${name}`, import.meta.url);
    return readFileSync(existsSync(own) ? own : preset, 'utf8');
  };

  it('reports the docs in-place example as PyTorch runs it', async () => {
    await prepareRuntime();
    const golden = JSON.parse(fixture('doc-inplace.json'));
    const src = fixture('doc-inplace.py');
    const r = await runForReport(src);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(golden.stdout);
    expect(r.calls).toHaveLength(1);
    const c = r.calls[0];
    expect(src.slice(c.span!.from, c.span!.to)).toBe('functional_call(mod, a, torch.ones(()))');
    expect(c.valueTexts).toEqual({ foo: 'torch.zeros(())' });
    expect(c.effects.map((e) => [e.key, e.how])).toEqual([['foo', 'write-back']]);
    expect(c.restored).toBe(true);
    expect(r.modules.filter((m) => m.when === 'end').map((m) => m.binding)).toEqual(['mod']);
  });

  it('tags every BatchNorm stat the first call changed in place, with the values PyTorch ends with', async () => {
    await prepareRuntime();
    const preset = (f: string): string => readFileSync(new URL(`../share/presets/${f}`, import.meta.url), 'utf8');
    const golden = JSON.parse(preset('fixtures/batchnorm-train-eval.json'));
    const r = await runForReport(preset('batchnorm-train-eval.py'));
    expect(r.stdout).toBe(golden.stdout);
    const c = r.calls[0];
    // Only 'weight' was overridden: every buffer forward updated is module state not restored —
    // running_mean/var changed without a version bump, num_batches_tracked with one.
    expect(c.notRestored).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    expect(c.restored).toBe(false);
    const detected = Object.fromEntries(c.trace.inPlace.map((w) => [w.name, w.detectedBy]));
    expect(detected).toEqual({ running_mean: 'values', running_var: 'values', num_batches_tracked: 'version' });
    // Only this call changes the module's running stats: "after" is PyTorch's end state.
    for (const name of ['running_mean', 'running_var', 'num_batches_tracked']) {
      const e = c.effects.find((x) => x.key === name)!;
      expect(e.how).toBe('not-restored');
      if (name !== 'num_batches_tracked') expect(r.tensors[e.after!].preview).toEqual(golden.vars.bn.state[name].data);
      expect(r.tensors[e.before!].preview).not.toEqual(r.tensors[e.after!].preview);
    }
    // The counter is bumped by both train-mode calls; the second leaves it where PyTorch does.
    const counter = r.calls[1].effects.find((x) => x.key === 'num_batches_tracked')!;
    expect(r.tensors[counter.after!].preview).toEqual(golden.vars.bn.state.num_batches_tracked.data);
    // The second call overrides the running stats: only the counter is the module's.
    expect(r.calls[1].notRestored).toEqual(['num_batches_tracked']);
    expect(r.calls[1].effects.filter((e) => e.how === 'in-place').map((e) => e.key)).toEqual(['running_mean', 'running_var']);
    expect(r.calls[2].restored).toBe(true);
  });

  it('fills each module node\'s extraRepr from extra_repr(), as PyTorch gives it', async () => {
    await prepareRuntime();
    const here = (f: string): string => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
    const golden = JSON.parse(here('extra-repr.json'));
    const r = await runForReport(here('extra-repr.py'));
    expect(r.stdout).toBe(golden.stdout);
    // PyTorch's lines: repr(name) repr(extra_repr()) per named module.
    const expected = new Map<string, string>();
    for (const line of golden.stdout.trim().split('\n')) {
      const [, name, extra] = /^'(.*?)' '(.*)'$/.exec(line)!;
      expected.set(name, extra.replace(/\\n/g, '\n'));
    }
    const seen = new Map<string, string>();
    const walk = (n: ModuleNode | ModuleRef): void => {
      if ('ref' in n) return;
      seen.set(n.path, n.extraRepr);
      n.children.forEach(walk);
    };
    walk(r.modules.find((m) => m.binding === 'm' && m.when === 'end')!.root);
    expect([...seen.keys()]).toEqual([...expected.keys()]);
    // A multi-line extra_repr is shown on one line (the tree has one row per module).
    for (const [path, extra] of expected) expect(seen.get(path)).toBe(extra.split('\n').join(', '));
  });

  it('reports a strict failure with PyTorch\'s message as the call error and the uncaught error', async () => {
    await prepareRuntime();
    const golden = JSON.parse(fixture('mlp-overrides-strict.json'));
    const r = await runForReport(fixture('mlp-overrides-strict.py'));
    expect(r.error!.type).toBe(golden.error.type);
    expect(r.error!.message).toBe(golden.error.message);
    expect(r.calls[0].error).toEqual({ type: golden.error.type, message: golden.error.message });
    // The verdict's missing keys are the ones PyTorch's message lists.
    const listed = [...golden.error.message.split('Missing key(s): ')[1].matchAll(/'([^']+)'/g)].map((m: RegExpMatchArray) => m[1]);
    expect(r.calls[0].trace.strictVerdict!.missing).toEqual(listed);
  });
});
