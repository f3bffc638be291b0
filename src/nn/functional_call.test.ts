// functional_call through the TS API: normalization, tie expansion, strict, swap errors, restore,
// write-back, the stateless warning and the trace. Messages are compared with the PyTorch goldens
// of the conformance scenarios the cases come from; identity effects (which object sits in which
// slot afterwards) are checked against the objects the test passed in. Forwards here are native
// and return the objects they see, so no arithmetic kernel is needed.

import { describe, expect, it } from 'vitest';
import { PyError } from '../errors';
import { PyDict, PyFloat, PyList, PyTuple, type PyValue, getattr, hasattr, setattr } from '../python/object';
import {
  LinearType, ModuleType, STATELESS_WARNING, TraceRecorder, construct, defineClass, functionalCall, installPyProtocols,
  namedMembers, pyGenerator, statelessFunctionalCall, MISSING_SENTINEL,
} from './index';
import type { Module } from './module';
import { golden, param, plain, pyErr, tensor } from './testing/helpers';

const dict = (o: Record<string, PyValue>): PyDict => PyDict.fromEntries(Object.entries(o));
const lines = (name: string): string[] => golden(name).stdout.trimEnd().split('\n');

/** A module whose forward returns the objects it reads for `names` (a tuple). */
function seer(names: string[], init: (self: Module) => Promise<void>, name = 'Seer') {
  return defineClass(name, ModuleType, {
    __init__: async (self) => {
      self.init();
      await init(self);
      return null;
    },
    forward: async (self) => {
      const out: PyValue[] = [];
      for (const n of names) {
        let o: PyValue = self;
        for (const part of n.split('.')) o = await getattr(o, part);
        out.push(o);
      }
      return new PyTuple(out);
    },
  });
}

describe('state argument normalization (conformance 09, 10)', () => {
  it('rejects non-dicts with PyTorch’s messages', async () => {
    const m = await construct(seer([], async () => {}));
    const bad: PyValue[] = [
      new PyTuple([dict({ 'l1.weight': tensor([1], [1, 1]) }), new PyList([new PyTuple(['l1.bias', tensor([1])])])]),
      'abc',
      5,
      null,
      pyGenerator([]),
    ];
    const msgs: string[] = [];
    for (const b of bad) {
      const r = await pyErr(() => functionalCall(m, b, tensor([0])));
      expect(r === 'ok' ? 'ok' : r[0]).toBe('ValueError');
      msgs.push(r === 'ok' ? 'ok' : r[1]);
    }
    expect(msgs).toEqual(lines('09_call_tuple_of_dicts').slice(0, 5));
  });

  it('lists keys repeated across dicts once, in order of first appearance', async () => {
    const lin = await construct(LinearType, [2, 2]);
    const w = tensor([1, 0, 0, 1], [2, 2]);
    const b = tensor([0, 0]);
    const cases = [
      new PyTuple([dict({ weight: w }), dict({ weight: w })]),
      new PyTuple([dict({ weight: w, bias: b }), dict({ bias: b, weight: w })]),
      new PyList([dict({ bias: b }), dict({ weight: w }), dict({ extra: b, bias: b })]),
      new PyTuple([dict({ weight: w }), dict({ bias: b }), dict({ weight: w }), dict({ bias: b }), dict({ weight: w })]),
    ];
    const msgs: string[] = [];
    for (const c of cases) msgs.push(String((await pyErr(() => functionalCall(lin, c, null)) as [string, string])[1]));
    expect(msgs).toEqual(lines('10_call_duplicate_keys').slice(0, 4));
  });

  it('merges a tuple of dicts into a new mapping; an empty tuple keeps the module’s state', async () => {
    const w0 = param([1]);
    const T = seer(['w', 'b'], async (s) => {
      await setattr(s, 'w', w0);
      await s.registerBuffer('b', tensor([2]));
    });
    const m = await construct(T);
    const w = tensor([5]);
    const b = tensor([6]);
    const r = (await functionalCall(m, new PyTuple([dict({ w }), dict({ b })]))) as PyTuple;
    expect(r.items).toEqual([w, b]);
    const own = (await functionalCall(m, new PyTuple([]))) as PyTuple;
    expect(own.items[0]).toBe(w0);
  });
});

describe('args and kwargs (conformance 07)', () => {
  it('unpacks tuples only; None is no argument; kwargs must be a mapping', async () => {
    const Echo = defineClass('Echo', ModuleType, {
      __init__: async (self) => (self.init(), null),
      forward: (_self, args, kw) => new PyTuple([args.length, kw === null ? 0 : kw.size]),
    });
    const m = await construct(Echo);
    const p = new PyDict();
    const x = tensor([1, 1]);
    const n = async (args: PyValue, kwargs: PyValue = null) => ((await functionalCall(m, p, args, kwargs)) as PyTuple).items;
    expect(await n(x)).toEqual([1, 0]);
    expect(await n(new PyTuple([x, x]))).toEqual([2, 0]);
    expect(await n(new PyList([x, x]))).toEqual([1, 0]);
    expect(await n(null)).toEqual([0, 0]);
    expect(await n(new PyTuple([new PyTuple([x, x])]))).toEqual([1, 0]);
    expect(await n(new PyTuple([null]))).toEqual([1, 0]);
    expect(await n(new PyTuple([]), dict({ alpha: 1, beta: x }))).toEqual([0, 2]);
    expect(await pyErr(() => functionalCall(m, p, null, new PyList([])))).toEqual([
      'TypeError',
      'Echo() argument after ** must be a mapping, not list',
    ]);
  });
});

describe('swap-in errors and rollback (conformance 13)', () => {
  it('reports path, value, leaf and attribute errors and leaves the module untouched', async () => {
    const Fragile = defineClass('Fragile', ModuleType, {
      __init__: async (self) => {
        self.init();
        await setattr(self, 'l1', await construct(LinearType, [1, 1]));
        await self.registerBuffer('buffer', tensor([1]));
        await setattr(self, 'foo', new PyFloat(0));
        return null;
      },
      forward: () => null,
    });
    const m = await construct(Fragile);
    const l1 = m.child('l1')!;
    const [w, b, buf] = [l1.params().get('weight'), l1.params().get('bias'), m.buffers().get('buffer')];
    const badKeys: Record<string, PyValue>[] = [
      { 'l1.weight': tensor([1], [1, 1]), 'l2.bias': tensor([1]) },
      { 'l1.weight': tensor([1], [1, 1]), 'l1.x.w': tensor([1]) },
      { 'l1.bias': tensor([1]), l1: tensor([1]) },
      { 'buffer.x': tensor([1]) },
      { 'l1.weight': tensor([1], [1, 1]), foo: tensor([1]) },
      { 'l1.weight': new PyFloat(3) },
      { 'l1.weight': tensor([1], [1, 1]), '': tensor([1]) },
      { 'l1.': tensor([1]) },
    ];
    const got: string[] = [];
    for (const k of badKeys) {
      const r = await pyErr(() => functionalCall(m, dict(k), tensor([3], [1, 1])));
      got.push(r === 'ok' ? 'ok' : `${r[0]} ${r[1]}`);
    }
    expect(got).toEqual(lines('13_call_restore_after_exception').slice(0, 8));
    expect(l1.params().get('weight')).toBe(w);
    expect(l1.params().get('bias')).toBe(b);
    expect(m.buffers().get('buffer')).toBe(buf);
    expect(await hasattr(l1, 'x')).toBe(false);
    expect(await hasattr(m, 'l2')).toBe(false);
    expect(await getattr(m, 'foo')).toEqual(new PyFloat(0));
  });

  it('restores every slot when forward raises, keeping in-place edits of overrides', async () => {
    const Boom = defineClass('Boom', ModuleType, {
      __init__: async (self) => (self.init(), await self.registerBuffer('buffer', tensor([1])), await setattr(self, 'w', param([2])), null),
      forward: async (self) => {
        const b = (await getattr(self, 'buffer')) as ReturnType<typeof tensor>;
        (b.storage.data as Float32Array)[b.offset] += 1;
        b.bumpVersion();
        throw new PyError('RuntimeError', 'too large');
      },
    });
    const m = await construct(Boom);
    const [w0, b0] = [m.params().get('w'), m.buffers().get('buffer')];
    const ov = tensor([0]);
    const rec = new TraceRecorder();
    expect(await pyErr(() => functionalCall(m, dict({ w: tensor([50]), buffer: ov }), null, null, { trace: rec }))).toEqual([
      'RuntimeError',
      'too large',
    ]);
    expect(m.params().get('w')).toBe(w0);
    expect(m.buffers().get('buffer')).toBe(b0);
    expect(ov.dataSync()[0]).toBe(1);
    expect(rec.trace.forward).toBe('raised');
    expect(rec.trace.restored).toBe(true);
    expect(rec.trace.inPlace).toEqual([{ key: 'buffer', name: null, tensorId: ov.id, versionBefore: 0, versionAfter: 1, detectedBy: 'version' }]);
    expect(rec.trace.error).toMatchObject({ phase: 'forward', type: 'RuntimeError', message: 'too large' });
  });
});

describe('extra keys and None slots (conformance 14, 15)', () => {
  it('a plain tensor is a temporary attribute; a Parameter is registered for the call only', async () => {
    const Probe = defineClass('Probe', ModuleType, {
      __init__: async (self) => (self.init(), await setattr(self, 'lin', await construct(LinearType, [2, 1, false])), null),
      forward: async (self) =>
        new PyTuple([
          new PyList([...namedMembers(self, 'parameters')].map(([n]) => n)),
          await hasattr(self, 'extra'),
          await getattr(self.child('lin')!, 'bias'),
        ]),
    });
    const m = await construct(Probe);
    const plainR = (await functionalCall(m, dict({ extra: tensor([100]) }))) as PyTuple;
    expect((plainR.items[0] as PyList).items).toEqual(['lin.weight']);
    const asParam = (await functionalCall(m, dict({ extra: param([10]) }))) as PyTuple;
    expect((asParam.items[0] as PyList).items).toEqual(['extra', 'lin.weight']);
    const bias = tensor([0.5]);
    const filled = (await functionalCall(m, dict({ 'lin.bias': bias }))) as PyTuple;
    expect(filled.items[2]).toBe(bias);
    expect((filled.items[0] as PyList).items).toEqual(['lin.weight', 'lin.bias']);
    expect(await getattr(m.child('lin')!, 'bias')).toBe(null);
    expect(await hasattr(m, 'extra')).toBe(false);
    expect([...m.child('lin')!.params().keys()]).toEqual(['weight', 'bias']);
  });

  it('a None override hides a parameter from parameters(); the slot keeps its position', async () => {
    const Inspect = defineClass('Inspect', ModuleType, {
      __init__: async (self) => (self.init(), await setattr(self, 'a', param([1])), await setattr(self, 'b', param([2])), null),
      forward: (self) => new PyList([...namedMembers(self, 'parameters')].map(([n, t]) => new PyTuple([n, t]))),
    });
    const m2 = await construct(Inspect);
    const a = param([10]);
    const b = tensor([20]);
    const rec = new TraceRecorder();
    const swapped = (await functionalCall(m2, dict({ b, a }), null, null, { trace: rec })) as PyList;
    expect(swapped.items.map((x) => (x as PyTuple).items)).toEqual([['a', a], ['b', b]]);
    const hidden = (await functionalCall(m2, dict({ b: null }))) as PyList;
    expect(hidden.items.map((x) => (x as PyTuple).items[0])).toEqual(['a']);
    expect(rec.trace.swaps.filter((s) => s.phase === 'swap').map((s) => [s.key, s.kind])).toEqual([['b', 'parameter'], ['a', 'parameter']]);
  });
});

describe('tie_weights (conformance 17-21)', () => {
  const Tied = seer(['l1.bias', 'tied_bias'], async (s) => {
    await setattr(s, 'l1', await construct(LinearType, [1, 1]));
    await setattr(s, 'tied_bias', await getattr(s.child('l1')!, 'bias'));
  });

  it('fills aliases with tie_weights=True only', async () => {
    const m = await construct(Tied);
    const v = tensor([10]);
    const tied = (await functionalCall(m, dict({ 'l1.bias': v }))) as PyTuple;
    expect(tied.items).toEqual([v, v]);
    const viaAlias = (await functionalCall(m, dict({ tied_bias: v }))) as PyTuple;
    expect(viaAlias.items).toEqual([v, v]);
    const untied = (await functionalCall(m, dict({ 'l1.bias': v }), null, null, { tieWeights: false })) as PyTuple;
    expect(untied.items[0]).toBe(v);
    expect(untied.items[1]).not.toBe(v);
    expect(await getattr(m, 'tied_bias')).toBe(await getattr(m.child('l1')!, 'bias'));
  });

  it('conflicting values for tied keys: ValueError naming the group, sorted (conformance 18, 21)', async () => {
    const Pair = seer(['enc', 'dec'], async (s) => {
      await setattr(s, 'enc', param([1, 1]));
      await setattr(s, 'dec', await getattr(s, 'enc'));
      await setattr(s, 'other', param([0.5, 0.5]));
    });
    const m = await construct(Pair);
    const t = tensor([2, 3]);
    const msg = "functional_call got multiple values for keys ['dec', 'enc'], which are tied. Consider using tie_weights=False";
    expect(lines('18_tie_conflicts')[2]).toContain(msg);
    expect(await pyErr(() => functionalCall(m, dict({ enc: t, dec: tensor([2, 3]) })))).toEqual(['ValueError', msg]);
    expect(await pyErr(() => functionalCall(m, dict({ enc: null, dec: t })))).toEqual(['ValueError', msg]);
    const same = (await functionalCall(m, dict({ enc: t, dec: t }))) as PyTuple;
    expect(same.items).toEqual([t, t]);
    const bothNone = (await functionalCall(m, dict({ enc: null, dec: null }))) as PyTuple;
    expect(bothNone.items).toEqual([null, null]);
  });

  it('three names, two given: bare KeyError for the third (conformance 19)', async () => {
    const Three = seer(['p', 'q', 'r'], async (s) => {
      await setattr(s, 'p', param(1));
      await setattr(s, 'q', await getattr(s, 'p'));
      await setattr(s, 'r', await getattr(s, 'p'));
    });
    const m = await construct(Three);
    const w = tensor(2);
    const g = plain(golden('19_tie_three_alias_keyerror').vars.two_same);
    expect(await pyErr(() => functionalCall(m, dict({ p: w, q: w })))).toEqual(g);
    expect(plain(golden('19_tie_three_alias_keyerror').vars.key_error_message)).toBe("'r'");
    const all = (await functionalCall(m, dict({ q: w }))) as PyTuple;
    expect(all.items).toEqual([w, w, w]);
  });

  it('one submodule under two names: the FIFO restore leaves the override in (conformance 20)', async () => {
    const Shared = seer(['enc.weight'], async (s) => {
      const lin = await construct(LinearType, [1, 1, false]);
      await setattr(s, 'enc', lin);
      await setattr(s, 'dec', lin);
    });
    const m = await construct(Shared);
    const orig = await getattr(m.child('enc')!, 'weight');
    const v = tensor([3], [1, 1]);
    await functionalCall(m, dict({ 'enc.weight': v }), null, null, { tieWeights: false });
    expect(await getattr(m.child('enc')!, 'weight')).toBe(orig);
    await functionalCall(m, dict({ 'enc.weight': v }));
    expect(await getattr(m.child('enc')!, 'weight')).toBe(v);
    expect(plain(golden('20_tie_shared_submodule').vars.weight_now_is_override)).toBe(true);
  });
});

describe('strict (conformance 23, 25, 26)', () => {
  it('reports Unexpected then Missing, sorted by code point, before touching the module', async () => {
    const Net = defineClass('Net', ModuleType, {
      __init__: async (self) => {
        self.init();
        await setattr(self, 'Zeta', await construct(LinearType, [1, 1]));
        await setattr(self, 'alpha', await construct(LinearType, [1, 1, false]));
        await self.registerBuffer('buffer', tensor([1]));
        await self.registerBuffer('_hidden', tensor([0]));
        return null;
      },
      forward: () => 'ran',
    });
    const net = await construct(Net);
    const one = tensor([1]);
    const full = { 'Zeta.weight': one, 'Zeta.bias': one, 'alpha.weight': one, buffer: one, _hidden: one };
    const variants: Record<string, PyValue>[] = [
      { 'alpha.weight': one },
      { ...full, extra: one, Extra: one, 'alpha.bias': one },
      { 'alpha.weight': one, zz: one, 'Zeta.zz': one },
    ];
    expect(await functionalCall(net, dict(full), null, null, { strict: true })).toBe('ran');
    const msgs: string[] = [];
    for (const v of variants) msgs.push((await pyErr(() => functionalCall(net, dict(v), null, null, { strict: true })) as string[])[1]);
    const g = golden('23_strict_missing_unexpected').stdout.split('--\n').slice(1, 4).map((s) => s.trimEnd());
    expect(msgs).toEqual(g);
  });

  it('runs after tie expansion (conformance 25)', async () => {
    const MockTied = seer([], async (s) => {
      await setattr(s, 'l1', await construct(LinearType, [1, 1]));
      await setattr(s, 'tied_bias', await getattr(s.child('l1')!, 'bias'));
      await s.registerBuffer('buffer', tensor([1]));
      await s.registerBuffer('tied_buffer', await getattr(s, 'buffer'));
    }, 'MockTied');
    const m = await construct(MockTied);
    const [w, b, buf] = [tensor([2], [1, 1]), tensor([5]), tensor([3])];
    const rows: [Record<string, PyValue>, boolean][] = [
      [{ 'l1.weight': w, 'l1.bias': b, buffer: buf }, false],
      [{ 'l1.weight': w, buffer: buf }, true],
      [{ 'l1.weight': w, 'l1.bias': b, buffer: buf, extra: buf }, true],
      [{ 'l1.weight': w, 'l1.bias': b, buffer: buf, extra: buf }, false],
      [{ 'l1.weight': w, buffer: buf, extra: buf }, true],
    ];
    const out: string[] = [];
    for (const [p, tie] of rows) {
      const r = await pyErr(() => functionalCall(m, dict(p), null, null, { tieWeights: tie, strict: true }));
      out.push(r === 'ok' ? 'ok' : r[1]);
    }
    const expected = golden('25_strict_with_ties').stdout.trimEnd().split('\n').slice(1, -1).join('\n');
    expect(out.join('\n')).toBe(expected);
  });

  it('a None slot is not a valid strict key (conformance 26)', async () => {
    const lin = await construct(LinearType, [2, 1, false]);
    const r = await pyErr(() => functionalCall(lin, dict({ weight: tensor([1, 1], [1, 2]), bias: tensor([10]) }), null, null, { strict: true }));
    expect(r).toEqual(['RuntimeError', lines('26_strict_none_slot').slice(1, 3).join('\n')]);
  });
});

describe('restore and write-back (conformance 01, 42, §8.2)', () => {
  const Counter = defineClass('Counter', ModuleType, {
    __init__: async (self) => {
      self.init();
      await self.registerBuffer('n', tensor(0));
      await setattr(self, 'scale', tensor(1));
      return null;
    },
    forward: async (self) => {
      await setattr(self, 'n', tensor(99));
      await setattr(self, 'scale', tensor(98));
      return null;
    },
  });

  it('reassignments reach a single dict, not the dicts of a tuple', async () => {
    const m = await construct(Counter);
    const [n0, s0] = [m.buffers().get('n'), await getattr(m, 'scale')];
    const [n, s] = [tensor(10), tensor(3)];
    const d = dict({ n, scale: s });
    const rec = new TraceRecorder();
    await functionalCall(m, d, null, null, { trace: rec });
    expect(d.get('n')).not.toBe(n);
    expect(d.get('scale')).not.toBe(s);
    expect((d.get('n') as ReturnType<typeof tensor>).dataSync()[0]).toBe(99);
    expect(m.buffers().get('n')).toBe(n0);
    expect(await getattr(m, 'scale')).toBe(s0);
    expect(rec.trace.writeBack.map((w) => [w.key, w.changed])).toEqual([['n', true], ['scale', true]]);
    const [dn, ds] = [dict({ n }), dict({ scale: s })];
    await functionalCall(m, new PyTuple([dn, ds]));
    expect(dn.get('n')).toBe(n);
    expect(ds.get('scale')).toBe(s);
    expect(plain(golden('42_inplace_reassign_writeback').vars.dict_replaced)).toEqual([true, true]);
  });

  it('a restore error replaces forward’s result and re-installs the restored slots', async () => {
    const Bad = defineClass('Bad', ModuleType, {
      __init__: async (self) => (self.init(), await setattr(self, 'w', param([1])), await setattr(self, 'foo', tensor([0])), null),
      forward: async (self) => (await setattr(self, 'foo', new PyFloat(1.5)), null),
    });
    const m = await construct(Bad);
    const w = tensor([7]);
    const d = dict({ w, foo: tensor([5]) });
    expect(await pyErr(() => functionalCall(m, d))).toEqual(['TypeError', 'attribute `foo`: 1.5 is not an instance of torch.Tensor']);
    expect(m.params().get('w')).toBe(w);
  });

  it('a slot deleted during forward writes the sentinel back', async () => {
    const Del = defineClass('Del', ModuleType, {
      __init__: async (self) => (self.init(), null),
      forward: async (self) => {
        const { delattr } = await import('../python/object');
        await delattr(self, 'extra');
        return null;
      },
    });
    const m = await construct(Del);
    const d = dict({ extra: tensor([1]) });
    await functionalCall(m, d);
    expect(d.get('extra')).toBe(MISSING_SENTINEL);
  });
});

describe('stateless.functional_call (conformance 11)', () => {
  it('warns first on every call and uses the object as the mapping', async () => {
    const warned: string[] = [];
    installPyProtocols({ warn: (cat, msg) => void warned.push(`${cat}: ${msg}`) });
    try {
      const lin = await construct(LinearType, [2, 2]);
      const p = dict({ weight: tensor([1, 0, 0, 1], [2, 2]) });
      const bad = new PyTuple([p]);
      const g = lines('11_call_stateless_deprecation');
      expect(await pyErr(() => statelessFunctionalCall(lin, bad, null))).toEqual(['AttributeError', g[1]]);
      expect(await pyErr(() => statelessFunctionalCall(lin, bad, null, null, { tieWeights: false }))).toEqual(['AttributeError', g[2]]);
      expect(warned).toEqual([`FutureWarning: ${STATELESS_WARNING}`, `FutureWarning: ${STATELESS_WARNING}`]);
      expect(golden('11_call_stateless_deprecation').warnings[0].message).toBe(STATELESS_WARNING);
    } finally {
      installPyProtocols({ warn: () => {} });
    }
  });
});

describe('trace', () => {
  it('records groups, expansion, verdict, swaps, restore and write-back', async () => {
    const Tied = seer(['a'], async (s) => {
      await setattr(s, 'a', param([1]));
      await setattr(s, 'b', await getattr(s, 'a'));
    });
    const m = await construct(Tied);
    const a0 = m.params().get('a') as ReturnType<typeof tensor>;
    const v = tensor([3]);
    const rec = new TraceRecorder('torch.func');
    await functionalCall(m, dict({ a: v }), null, null, { strict: true, trace: rec });
    const t = rec.trace;
    expect(t.tieGroups).toEqual([['a', 'b']]);
    expect(t.expanded).toEqual([{ key: 'b', from: 'a', added: true }]);
    expect(t.strictVerdict).toEqual({ missing: [], unexpected: [] });
    expect(t.swaps.map((s) => [s.phase, s.key, s.kind, s.before.kind === 'tensor' && s.before.id, s.after.kind === 'tensor' && s.after.id])).toEqual([
      ['swap', 'a', 'parameter', a0.id, v.id],
      ['swap', 'b', 'parameter', a0.id, v.id],
      ['restore', 'a', 'parameter', v.id, a0.id],
      ['restore', 'b', 'parameter', v.id, a0.id],
    ]);
    expect(t.forward).toBe('ok');
    expect(t.restored).toBe(true);
    expect(t.writeBack).toEqual([{ key: 'a', before: expect.objectContaining({ id: v.id }), after: expect.objectContaining({ id: v.id }), changed: false }]);
    expect(rec.objects.get(v.id)).toBe(v);
  });

  it('records in-place writes to state the caller did not pass (BatchNorm running stats)', async () => {
    const { BatchNorm1dType } = await import('./layers');
    const bn = await construct(BatchNorm1dType, [2]);
    const rm = tensor([0, 0]);
    const rec = new TraceRecorder();
    await functionalCall(bn, dict({ running_mean: rm }), tensor([1, 2, 3, 6], [2, 2]), null, { trace: rec });
    // PyTorch's batch_norm updates running stats without bumping `_version` (oracle: versions stay);
    // only num_batches_tracked (`+= 1`) moves its counter. The trace still sees all three.
    const byName = Object.fromEntries(rec.trace.inPlace.map((w) => [w.key ?? w.name, w.detectedBy]));
    expect(byName).toEqual({ running_mean: 'values', running_var: 'values', num_batches_tracked: 'version' });
    expect(rec.trace.inPlace.find((w) => w.key === 'running_mean')!.tensorId).toBe(rm.id);
    expect(rec.objects.get(rm.id)).toBe(rm);
  });

  it('records the attribute slot kind and the property round trip of a parametrized plain name', async () => {
    const { registerParametrization } = await import('./parametrize');
    const Double = defineClass('Double', ModuleType, {
      __init__: async (self) => (self.init(), null),
      forward: async (_s, a) => (await import('../tensor/ops/arith')).mul(a[0] as ReturnType<typeof tensor>, 2),
      right_inverse: async (_s, a) => (await import('../tensor/ops/arith')).div(a[0] as ReturnType<typeof tensor>, 2),
    });
    const lin = await construct(LinearType, [1, 1, false]);
    await registerParametrization(lin, 'weight', await construct(Double));
    const rec = new TraceRecorder();
    const w = tensor([4], [1, 1]);
    const d = dict({ weight: w });
    await functionalCall(lin, d, tensor([1], [1, 1]), null, { trace: rec });
    expect(rec.trace.swaps.map((s) => [s.phase, s.kind])).toEqual([['swap', 'attribute'], ['restore', 'attribute']]);
    expect(rec.trace.writeBack[0]).toMatchObject({ key: 'weight', changed: true });
    expect(d.get('weight')).not.toBe(w);
  });
});
