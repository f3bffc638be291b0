// CallRecord.grads: the report builder records, per override key, the gradient a torch.func
// transform computed for the tensor a functional_call was given, else the override's `.grad` at
// the end of the run. Modules are built from TypeScript (as in buildReport.test.ts); the gradients
// are checked against the engine's own values (w.grad, grad()'s result), not typed-in numbers.
import { describe, expect, it } from 'vitest';
import '../tensor';
import { Module, ModuleType } from '../nn';
import { defineMethod } from '../nn/module_methods';
import { functionalCall } from '../nn/functional_call';
import { PyDict, PyTuple, makeType, getattr, type PyValue } from '../python/object';
import { Tensor } from '../tensor/tensor';
import { mul } from '../tensor/ops/arith';
import { sum } from '../tensor/ops/reduce';
import { makeParameter } from '../nn/bridge';
import { backward } from '../tensor/autograd/api';
import { grad as funcGrad, setTransformGradObserver, vmap } from '../tensor/autograd/func';
import { ReportCollector, type CallStart } from './buildReport';
import type { RunReport } from './report';

const vec = (xs: number[]): Tensor => Tensor.fromArray(Float32Array.from(xs), [xs.length], 'float32');

// class Scale(nn.Module): w = Parameter; forward(x) = (x * w).sum()
const ScaleType = makeType('Scale', [ModuleType], '__main__');
defineMethod(ScaleType, 'Scale.forward(self, x)', async (self, v) => sum(mul(v[1] as Tensor, (await getattr(self, 'w')) as Tensor)));
async function makeScale(): Promise<Module> {
  const m = new Module(ScaleType);
  m.init();
  await m.registerParameter('w', makeParameter(vec([0, 0, 0])));
  return m;
}

async function call(c: ReportCollector, start: CallStart, x: Tensor): Promise<Tensor> {
  const rec = await c.beginCall(start);
  const out = (await functionalCall(start.module, start.dicts, x, null, { trace: rec })) as Tensor;
  await c.endCall(rec, { ok: true, value: out });
  return out;
}
const finish = (c: ReportCollector, globals: [string, PyValue][]): Promise<RunReport> =>
  c.build({ stdout: '', console: [], warnings: [], error: null, globals, device: { requested: 'cpu', adapter: null }, durationMs: 1 });
const values = (r: RunReport, ref: string | undefined): unknown[] => (ref === undefined ? [] : r.tensors[ref].preview);

describe('CallRecord.grads', () => {
  it('records the override .grad after backward, and nothing for a call without gradients', async () => {
    const c = new ReportCollector({ source: '', filename: 'main.py' });
    const m = await makeScale();
    const w = vec([1, 2, 3]);
    w.requiresGrad = true;
    const x = vec([4, -5, 6]);
    const out = await call(c, { api: 'torch.func', module: m, dicts: PyDict.fromEntries([['w', w]]), line: 1 }, x);
    await backward([out]);
    await call(c, { api: 'torch.func', module: m, dicts: PyDict.fromEntries([['w', vec([1, 1, 1])]]), line: 2 }, x);
    const r = await finish(c, [['m', m]]);
    expect(Object.keys(r.calls[0].grads ?? {})).toEqual(['w']);
    expect(values(r, r.calls[0].grads?.w)).toEqual(Array.from(w.grad!.dataSync() as Float32Array));
    expect(values(r, r.calls[0].grads?.w)).toEqual(Array.from(x.dataSync() as Float32Array));
    expect(r.calls[1].grads).toBeUndefined();
  });

  it('records torch.func.grad over functional_call, and one gradient per sample under vmap', async () => {
    const c = new ReportCollector({ source: '', filename: 'main.py' });
    const prev = setTransformGradObserver((pairs) => c.onTransformGrads(pairs));
    try {
      const m = await makeScale();
      const params = PyDict.fromEntries([['w', vec([1, 2, 3])]]);
      const x = vec([4, -5, 6]);
      const loss = async (a: PyValue[]): Promise<PyValue> => call(c, { api: 'torch.func', module: m, dicts: a[0], line: 1 }, a[1] as Tensor);
      const g = (await funcGrad(loss, [params, x])) as PyDict;
      const xs = Tensor.fromArray(Float32Array.from([1, 2, 3, 7, 8, 9]), [2, 3], 'float32');
      const per = (await vmap((a) => funcGrad(loss, a), [params, xs], { inDims: new PyTuple([null, 0]) })) as PyDict;
      const r = await finish(c, [['m', m]]);
      expect(r.calls.length).toBe(3);
      expect(values(r, r.calls[0].grads?.w)).toEqual(Array.from((g.get('w') as Tensor).dataSync() as Float32Array));
      const perW = Array.from((per.get('w') as Tensor).dataSync() as Float32Array);
      expect(values(r, r.calls[1].grads?.w)).toEqual(perW.slice(0, 3));
      expect(values(r, r.calls[2].grads?.w)).toEqual(perW.slice(3, 6));
      // the caller's tensors were not differentiated in place: no .grad on them
      expect((params.get('w') as Tensor).grad).toBeNull();
    } finally {
      setTransformGradObserver(prev);
    }
  });
});
