// The report builder against the real nn/ functional_call, with modules built from TypeScript (the
// interpreter is not needed): the docs' in-place re-assignment example, tied weights, a strict
// failure, and module state changed in place without an override. The script text only supplies
// source spans, so each test's text mirrors what its TypeScript module does.
import { describe, expect, it } from 'vitest';
import '../tensor';
import { Module, ModuleType } from '../nn';
import { defineMethod } from '../nn/module_methods';
import { functionalCall } from '../nn/functional_call';
import { PyDict, makeType, setattr, getattr, type PyValue } from '../python/object';
import { Tensor } from '../tensor/tensor';
import { add, add_ } from '../tensor/ops/arith';
import { makeParameter } from '../nn/bridge';
import { ReportCollector, type CallStart } from './buildReport';
import type { RunReport } from './report';

const scalar = (x: number): Tensor => Tensor.fromArray(new Float32Array([x]), [], 'float32');

async function run(c: ReportCollector, start: CallStart, args: PyValue, opts: { tieWeights?: boolean; strict?: boolean } = {}): Promise<PyValue> {
  const rec = await c.beginCall(start);
  try {
    const out = await functionalCall(start.module, start.dicts, args, null, { ...opts, trace: rec });
    await c.endCall(rec, { ok: true, value: out });
    return out;
  } catch (e) {
    await c.endCall(rec, { ok: false, error: e });
    return e as PyValue;
  }
}

const finish = (c: ReportCollector, globals: [string, PyValue][]): Promise<RunReport> =>
  c.build({ stdout: '', console: [], warnings: [], error: null, globals, device: { requested: 'cpu', adapter: null }, durationMs: 1 });

// class Foo: register_buffer('foo', zeros); forward: self.foo = self.foo + 1; return x + self.foo
const FooType = makeType('Foo', [ModuleType], '__main__');
defineMethod(FooType, 'Foo.forward(self, x)', async (self, v) => {
  await setattr(self, 'foo', add((await getattr(self, 'foo')) as Tensor, 1));
  return add(v[1] as Tensor, (await getattr(self, 'foo')) as Tensor);
});
async function makeFoo(): Promise<Module> {
  const m = new Module(FooType);
  m.init();
  await m.registerBuffer('foo', scalar(0));
  return m;
}

const INPLACE_SRC = `from torch.func import functional_call
a = {'foo': torch.zeros(())}
mod = Foo()
out = functional_call(mod, a, torch.ones(()))
`;

describe('ReportCollector', () => {
  it('records the docs in-place example: write-back, restored module, spans, output', async () => {
    const c = new ReportCollector({ source: INPLACE_SRC, filename: 'main.py' });
    const mod = await makeFoo();
    const a = PyDict.fromEntries([['foo', scalar(0)]]);
    const passed = a.get('foo') as Tensor;
    const out = await run(c, { api: 'torch.func', module: mod, dicts: a, line: 4 }, scalar(1));
    const r = await finish(c, [['a', a], ['mod', mod], ['out', out]]);

    expect(r.calls).toHaveLength(1);
    const call = r.calls[0];
    expect(call.module).toBe('mod');
    expect(INPLACE_SRC.slice(call.span!.from, call.span!.to)).toBe('functional_call(mod, a, torch.ones(()))');
    expect(INPLACE_SRC.slice(call.dictSpan!.from, call.dictSpan!.to)).toBe("{'foo': torch.zeros(())}");
    expect(call.valueTexts).toEqual({ foo: 'torch.zeros(())' });
    expect(call.keys).toEqual(['foo']);
    expect(call.restored).toBe(true);
    expect(call.notRestored).toEqual([]);
    // The dict entry was replaced by the tensor forward assigned (write-back), values 0 → 1.
    const wb = call.effects.find((e) => e.how === 'write-back')!;
    expect(wb.key).toBe('foo');
    expect(r.tensors[wb.before!].id).toBe(passed.id);
    expect(r.tensors[wb.before!].preview).toEqual([0]);
    expect(r.tensors[wb.after!].id).toBe((a.get('foo') as Tensor).id);
    expect(r.tensors[wb.after!].preview).toEqual([1]);
    expect(call.output).toEqual({ kind: 'tensor', ref: `${(out as Tensor).id}@0` });
    expect(r.tensors[(call.output as { ref: string }).ref].text).toBe('tensor(2.)');
    // Module pictures: end (per global), and entry/exit of the call with the untouched buffer.
    expect(r.modules.map((m) => [m.binding, m.when])).toEqual([['mod', 'end'], ['mod', 'call 0 entry'], ['mod', 'call 0 exit']]);
    const entry = r.modules[1].root;
    const exit = r.modules[2].root;
    expect(entry.className).toBe('Foo');
    expect(entry.buffers[0].name).toBe('foo');
    expect(entry.buffers[0].tensor).toBe(exit.buffers[0].tensor);
    expect(call.trace.swaps.filter((s) => s.phase === 'swap').map((s) => s.key)).toEqual(['foo']);
  });

  it('reports ties, tie expansion and the module as a shared tensor', async () => {
    const src = "from torch.func import functional_call\nt = functional_call(mod, {'foo': z}, x)\n";
    const c = new ReportCollector({ source: src, filename: 'main.py' });
    const T = makeType('Tied', [ModuleType], '__main__');
    defineMethod(T, 'Tied.forward(self, x)', async (self, v) =>
      add(add(v[1] as Tensor, (await getattr(self, 'foo')) as Tensor), (await getattr(self, 'foo_tied')) as Tensor));
    const mod = new Module(T);
    mod.init();
    const p = makeParameter(scalar(1));
    await mod.registerParameter('foo', p);
    await mod.registerParameter('foo_tied', p);
    const out = await run(c, { api: 'torch.func', module: mod, dicts: PyDict.fromEntries([['foo', scalar(0)]]), line: 2 }, scalar(0));
    const r = await finish(c, [['mod', mod]]);
    const call = r.calls[0];
    expect(call.trace.tieGroups).toEqual([['foo', 'foo_tied']]);
    expect(call.trace.expanded).toEqual([{ key: 'foo_tied', from: 'foo', added: true }]);
    expect(r.tensors[(call.output as { ref: string }).ref].preview).toEqual([0]);
    expect((out as Tensor).item()).toBe(0);
    const root = r.modules[0].root;
    expect(root.params[0].tensor).toBe(root.params[1].tensor);
    expect(r.tensors[root.params[0].tensor!].isParameter).toBe(true);
    expect(call.restored).toBe(true);
  });

  it('records a strict failure as the call error, with nothing swapped', async () => {
    const src = "from torch.func import functional_call\nfunctional_call(mod, {'foo': z}, x, strict=True)\n";
    const c = new ReportCollector({ source: src, filename: 'main.py' });
    const mod = await makeFoo();
    await mod.registerBuffer('bar', scalar(3));
    const e = await run(c, { api: 'torch.func', module: mod, dicts: PyDict.fromEntries([['foo', scalar(0)]]), line: 2 }, scalar(0), { strict: true });
    expect(e).toBeInstanceOf(Error);
    const r = await finish(c, [['mod', mod]]);
    const call = r.calls[0];
    expect(call.strict).toBe(true);
    expect(call.error!.type).toBe('RuntimeError');
    expect(call.error!.message).toContain("Missing key(s): 'bar'.");
    expect(call.trace.strictVerdict).toEqual({ missing: ['bar'], unexpected: [] });
    expect(call.trace.swaps).toEqual([]);
    expect(call.output).toBeNull();
    expect(call.restored).toBe(true);
    expect(src.slice(call.span!.from, call.span!.to)).toContain('strict=True');
  });

  it('flags module state changed in place that was not overridden', async () => {
    const src = "from torch.func import functional_call\nfunctional_call(bn, {'w': z}, x)\n";
    const c = new ReportCollector({ source: src, filename: 'main.py' });
    const T = makeType('Stats', [ModuleType], '__main__');
    defineMethod(T, 'Stats.forward(self, x)', async (self, v) => {
      add_((await getattr(self, 'running')) as Tensor, 1); // like BatchNorm's running stats
      return add(v[1] as Tensor, (await getattr(self, 'w')) as Tensor);
    });
    const bn = new Module(T);
    bn.init();
    await bn.registerParameter('w', makeParameter(scalar(2)));
    await bn.registerBuffer('running', scalar(0));
    await run(c, { api: 'torch.func', module: bn, dicts: PyDict.fromEntries([['w', scalar(5)]]), line: 2 }, scalar(0));
    const r = await finish(c, [['bn', bn]]);
    const call = r.calls[0];
    expect(call.notRestored).toEqual(['running']);
    expect(call.restored).toBe(false);
    const eff = call.effects.find((e) => e.key === 'running')!;
    expect(eff.how).toBe('not-restored');
    expect(r.tensors[eff.before!].preview).toEqual([0]);
    expect(r.tensors[eff.after!].preview).toEqual([1]);
  });

  it('flags module state whose values changed without a version bump (batch_norm running stats)', async () => {
    const src = "from torch.func import functional_call\nfunctional_call(bn, {'w': z}, x)\n";
    const c = new ReportCollector({ source: src, filename: 'main.py' });
    const T = makeType('QuietStats', [ModuleType], '__main__');
    defineMethod(T, 'QuietStats.forward(self, x)', async (self, v) => {
      // PyTorch's batch_norm writes the running stats in place and leaves `_version` alone.
      const running = (await getattr(self, 'running')) as Tensor;
      const v0 = running.version;
      (running.storage.data as Float32Array)[0] += 3;
      expect(running.version).toBe(v0);
      return add(v[1] as Tensor, (await getattr(self, 'w')) as Tensor);
    });
    const bn = new Module(T);
    bn.init();
    await bn.registerParameter('w', makeParameter(scalar(2)));
    await bn.registerBuffer('running', scalar(0.5));
    await bn.registerBuffer('untouched', scalar(4));
    await run(c, { api: 'torch.func', module: bn, dicts: PyDict.fromEntries([['w', scalar(5)]]), line: 2 }, scalar(0));
    await run(c, { api: 'torch.func', module: bn, dicts: PyDict.fromEntries([['w', scalar(5)]]), line: 2 }, scalar(0));
    const r = await finish(c, [['bn', bn]]);
    for (const [i, call] of r.calls.entries()) {
      expect(call.notRestored).toEqual(['running']);
      expect(call.restored).toBe(false);
      expect(call.trace.inPlace.map((w) => [w.name, w.detectedBy])).toEqual([['running', 'values']]);
      const eff = call.effects.filter((e) => e.key === 'running');
      expect(eff).toHaveLength(1);
      expect(eff[0].how).toBe('not-restored');
      // Same object, same version — yet two snapshots: the values before and after the call.
      const before = r.tensors[eff[0].before!];
      const after = r.tensors[eff[0].after!];
      expect(eff[0].before).not.toBe(eff[0].after);
      expect([before.id, before.version]).toEqual([after.id, after.version]);
      expect(after.preview).toEqual([(before.preview[0] as number) + 3]);
      // The module pictures agree: entry shows the values before, exit the values after.
      const pic = (when: string) => r.modules.find((m) => m.when === `call ${i} ${when}`)!.root.buffers.find((b) => b.name === 'running')!.tensor;
      expect(pic('entry')).toBe(eff[0].before);
      expect(pic('exit')).toBe(eff[0].after);
    }
    // The second call starts from where the first left the buffer.
    expect(r.calls[1].effects[0].before).toBe(r.calls[0].effects[0].after);
    expect(r.tensors[r.calls[0].effects[0].before!].preview).toEqual([0.5]);
  });

  it('judges restoring when the call ends, not after later script lines', async () => {
    const c = new ReportCollector({ source: INPLACE_SRC, filename: 'main.py' });
    const mod = await makeFoo();
    await run(c, { api: 'torch.func', module: mod, dicts: PyDict.fromEntries([['foo', scalar(0)]]), line: 4 }, scalar(1));
    // The script goes on to change the module: that is not the call's doing.
    await mod.registerBuffer('foo', scalar(7));
    await mod.registerBuffer('extra', scalar(1));
    const r = await finish(c, [['mod', mod]]);
    expect(r.calls[0].notRestored).toEqual([]);
    expect(r.calls[0].restored).toBe(true);
  });

  it('is JSON-safe (crosses the worker boundary by structured clone)', async () => {
    const c = new ReportCollector({ source: INPLACE_SRC, filename: 'main.py' });
    const mod = await makeFoo();
    await run(c, { api: 'torch.func', module: mod, dicts: PyDict.fromEntries([['foo', scalar(0)]]), line: 4 }, scalar(1));
    const r = await finish(c, [['mod', mod]]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
