// parametrize through the TS API, against the goldens of conformance 28-33 and 37: the injected
// class, the property (get runs the chain, set goes through right_inverse), original's identity,
// naming, cached(), removal, and registration errors. Parametrizations are native modules built on
// the engine's elementwise ops; tensors are compared by their printed text (values and grad_fn).

import { describe, expect, it } from 'vitest';
import { PyList, PyTuple, type PyValue, getattr, hasattr, setattr } from '../python/object';
import { Tensor } from '../tensor/tensor';
import { add, div, mul, sub } from '../tensor/ops/arith';
import { abs } from '../tensor/ops/unary';
import { reshape } from '../tensor/ops/views';
import { toDtype } from '../tensor/ops/copy';
import { LinearType, ModuleType, construct, defineClass, functionalCall, namedMembers, namedModules, stateDict } from './index';
import type { Module } from './module';
import {
  enterCached, isParametrized, registerParametrization, removeParametrizations, typeBeforeParametrizations,
} from './parametrize';
import { pyRepr, tensorText } from './pyproto';
import { golden, pyErr, tensor } from './testing/helpers';
import { PyDict } from '../python/object';

const out = (name: string): string[] => golden(name).stdout.trimEnd().split('\n');
const names = (it: Iterable<[string, unknown]>): string[] => [...it].map(([n]) => n);
const t = (v: PyValue): Tensor => v as Tensor;

const fwd = (f: (x: Tensor) => PyValue) => ({
  __init__: async (self: Module) => (self.init(), null),
  forward: (_self: Module, a: PyValue[]) => f(t(a[0])),
});
const Scale2 = defineClass('Scale2', ModuleType, { ...fwd((x) => mul(x, 2)), right_inverse: (_s, a) => div(t(a[0]), 2) });
const AddOne = defineClass('AddOne', ModuleType, { ...fwd((x) => add(x, 1)), right_inverse: (_s, a) => sub(t(a[0]), 1) });
const Double = defineClass('Double', ModuleType, { ...fwd((x) => mul(x, 2)), right_inverse: (_s, a) => div(t(a[0]), 2) });
const Square = defineClass('Square', ModuleType, fwd((x) => mul(x, x)));
const Abs = defineClass('Abs', ModuleType, { ...fwd((x) => abs(x)), right_inverse: (_s, a) => a[0] });
const NoInverse = defineClass('NoInverse', ModuleType, fwd((x) => mul(x, 3)));

/** A module whose forward returns `self.weight` (what functional_call's forward would read). */
const ReadWeight = (base = LinearType) => defineClass('ReadWeight', base, { forward: (self) => getattr(self, 'weight') });

async function linear(inF: number, outF: number, w: number[], bias = true, type = LinearType): Promise<Module> {
  const lin = await construct(type, [inF, outF, bias]);
  const weight = t(lin.params().get('weight')!);
  (weight.storage.data as Float32Array).set(w);
  if (bias) (t(lin.params().get('bias')!).storage.data as Float32Array).fill(0);
  return lin;
}

describe('register_parametrization (conformance 28)', () => {
  it('injects Parametrized{Class}, keeps original’s identity and renames the state', async () => {
    const lin = await linear(2, 2, [1, 2, 3, 4]);
    const weightObj = lin.params().get('weight');
    await registerParametrization(lin, 'weight', await construct(Scale2));
    const g = out('28_param_register_custom');
    expect((await pyRepr(lin)).split('\n')).toEqual(g.slice(0, 8));
    const flags = [await isParametrized(lin), await isParametrized(lin, 'weight'), await isParametrized(lin, 'bias')];
    expect(`${lin.typeName} ${(await typeBeforeParametrizations(lin)).name} ${JSON.stringify(flags).replaceAll(',', ', ').replace(/true/g, 'True').replace(/false/g, 'False')}`).toBe(g[8]);
    const original = await getattr(await getattr(await getattr(lin, 'parametrizations'), 'weight'), 'original');
    expect(original).toBe(weightObj);
    expect(tensorText(t(original)).split('\n')).toEqual(g.slice(9, 12));
    expect(tensorText(t(await getattr(lin, 'weight'))).split('\n')).toEqual(g.slice(12, 14));
    const row = [names(namedMembers(lin, 'parameters')), names(namedModules(lin)), [...(await stateDict(lin)).keys()]];
    expect(row.map((r) => JSON.stringify(r).replaceAll('"', "'").replaceAll(',', ', ')).join(' ')).toBe(g[14]);
    expect(lin.cls.module).toBe('torch.nn.utils.parametrize');
    expect(lin.cls.isSubtypeOf(LinearType)).toBe(true);
  });

  it('rejects shape/dtype changes and non-tensors, leaving the module unparametrized (conformance 37)', async () => {
    const Flatten = defineClass('Flatten', ModuleType, fwd((x) => reshape(x, [-1])));
    const ToDouble = defineClass('ToDouble', ModuleType, fwd((x) => toDtype(x, 'float64')));
    const NotATensor = defineClass('NotATensor', ModuleType, fwd((x) => new PyList([x])));
    const got: string[] = [];
    for (const P of [Flatten, ToDouble, NotATensor]) {
      const m = await linear(2, 2, [1, 0, 0, 1], false);
      const r = await pyErr(async () => registerParametrization(m, 'weight', await construct(P)));
      got.push(r === 'ok' ? 'ok' : r[1], String(await isParametrized(m)).replace('false', 'False'));
    }
    const unsafe = await linear(2, 2, [1, 0, 0, 1], false);
    await registerParametrization(unsafe, 'weight', await construct(Flatten), true);
    got.push(`[${t(await getattr(unsafe, 'weight')).shape.join(', ')}]`);
    expect(got.join('\n').split('\n')).toEqual(out('37_param_errors'));
    const r = await pyErr(async () => registerParametrization(await linear(2, 2, [1, 0, 0, 1], false), 'scale', await construct(Flatten)));
    expect(r).toEqual(['ValueError', golden('37_param_errors').error!.message]);
  });
});

describe('the property (conformance 29, 30)', () => {
  it('runs chains in order; assignment inverts last first', async () => {
    const lin = await linear(2, 2, [1, 2, 3, 4], false);
    await registerParametrization(lin, 'weight', await construct(AddOne));
    const afterFirst = tensorText(t(await getattr(lin, 'weight')));
    await registerParametrization(lin, 'weight', await construct(Double));
    const afterSecond = tensorText(t(await getattr(lin, 'weight')));
    const pl = await getattr(await getattr(lin, 'parametrizations'), 'weight');
    const chain = [...(pl as Module).modules().values()].map((m) => (m as Module).typeName);
    await setattr(lin, 'weight', tensor([10, 20, 30, 40], [2, 2]));
    const originalAfter = tensorText(t(await getattr(pl, 'original')));
    const weightAfter = tensorText(t(await getattr(lin, 'weight')));
    const g = out('30_param_chained');
    expect([afterFirst, afterSecond].join('\n').split('\n')).toEqual(g.slice(0, 4));
    expect(JSON.stringify(chain).replaceAll('"', "'").replace(',', ', ')).toBe(g[4]);
    expect(names(namedModules(lin)).length).toBe(5);
    expect([originalAfter, weightAfter].join('\n').split('\n')).toEqual(g.slice(7, 12));
  });

  it('functional_call with the plain name goes through right_inverse; lossy ones change original', async () => {
    const g = out('29_param_plain_name');
    const exact = await linear(2, 1, [-1, 2], false, ReadWeight());
    await registerParametrization(exact, 'weight', await construct(Scale2));
    const pl = await getattr(await getattr(exact, 'parametrizations'), 'weight');
    const origObj = await getattr(pl, 'original');
    const W = tensor([-5, 7], [1, 2]);
    const a = PyDict.fromEntries([['weight', W]]);
    const seen = t(await functionalCall(exact, a));
    expect(tensorText(seen)).toBe('tensor([[-5.,  7.]], grad_fn=<MulBackward0>)');
    expect(a.get('weight')).not.toBe(W);
    expect(tensorText(t(a.get('weight')!))).toBe(g[2]);
    expect(await getattr(pl, 'original')).toBe(origObj);
    expect(tensorText(t(origObj)).split('\n')).toEqual(g.slice(3, 5));

    const lossy = await linear(2, 1, [-1, 2], false, ReadWeight());
    await registerParametrization(lossy, 'weight', await construct(Abs));
    await functionalCall(lossy, PyDict.fromEntries([['weight', W]]));
    const lossyOriginal = await getattr(await getattr(await getattr(lossy, 'parametrizations'), 'weight'), 'original');
    expect(tensorText(t(lossyOriginal)).split('\n')).toEqual(g.slice(7, 9));

    const noInv = await linear(2, 1, [-1, 2], false, ReadWeight());
    await registerParametrization(noInv, 'weight', await construct(NoInverse));
    expect(await pyErr(() => functionalCall(noInv, PyDict.fromEntries([['weight', W]])))).toEqual(['RuntimeError', g[9]]);
    const viaOriginal = t(await functionalCall(noInv, PyDict.fromEntries([['parametrizations.weight.original', W]])));
    expect([...(viaOriginal.dataSync() as Float32Array)]).toEqual([-15, 21]);
  });
});

describe('sequence right_inverse and removal (conformance 31, 33)', () => {
  it('splits into original0/original1 and refuses leave_parametrized=False', async () => {
    const SignMagnitude = defineClass('SignMagnitude', ModuleType, {
      __init__: async (self) => (self.init(), null),
      forward: (_s, a) => mul(t(a[0]), t(a[1])),
      right_inverse: (_s, a) => new PyTuple([div(t(a[0]), abs(t(a[0]))), abs(t(a[0]))]),
    });
    const lin = await linear(3, 1, [-2, 1, 3], false);
    const old = lin.params().get('weight');
    await registerParametrization(lin, 'weight', await construct(SignMagnitude));
    const pl = await getattr(await getattr(lin, 'parametrizations'), 'weight');
    expect(names(namedMembers(lin, 'parameters'))).toEqual(['parametrizations.weight.original0', 'parametrizations.weight.original1']);
    const o0 = t(await getattr(pl, 'original0'));
    expect([o0.isParameter, t(await getattr(pl, 'original1')).isParameter, o0 === old]).toEqual([true, true, false]);
    const g = out('31_param_tuple_right_inverse');
    expect(await pyErr(() => functionalCall(lin, PyDict.fromEntries([['parametrizations.weight.original0', tensor([1, 1, 1], [1, 3])]]), null, null, { strict: true }))).toEqual([
      'RuntimeError',
      g.slice(4, 6).join('\n'),
    ]);
    expect(await pyErr(() => removeParametrizations(lin, 'weight', false))).toEqual(['ValueError', g[6]]);
    await removeParametrizations(lin, 'weight');
    expect([names(namedMembers(lin, 'parameters')), lin.typeName]).toEqual([['weight'], 'Linear']);
    expect(t(lin.params().get('weight')!).isParameter).toBe(true);
  });

  it('bakes the value into the same original object, or keeps it raw', async () => {
    const g = out('33_param_remove');
    const keep = await linear(2, 2, [1, -2, 3, -4]);
    await registerParametrization(keep, 'weight', await construct(Square));
    const origObj = await getattr(await getattr(await getattr(keep, 'parametrizations'), 'weight'), 'original');
    await removeParametrizations(keep, 'weight', true);
    expect(tensorText(t(await getattr(keep, 'weight'))).split('\n')).toEqual(g.slice(0, 3));
    expect(await getattr(keep, 'weight')).toBe(origObj);
    expect([keep.typeName, await hasattr(keep, 'parametrizations'), names(namedMembers(keep, 'parameters'))]).toEqual(['Linear', false, ['bias', 'weight']]);
    const raw = await linear(2, 2, [1, -2, 3, -4]);
    await registerParametrization(raw, 'weight', await construct(Square));
    await removeParametrizations(raw, 'weight', false);
    expect(tensorText(t(await getattr(raw, 'weight'))).split('\n')).toEqual(g.slice(7, 10));
    expect(await pyErr(() => removeParametrizations(raw, 'weight'))).toEqual(['ValueError', g[11]]);
    const both = await linear(2, 2, [1, -2, 3, -4]);
    await registerParametrization(both, 'weight', await construct(Square));
    await registerParametrization(both, 'bias', await construct(Square));
    await removeParametrizations(both, 'weight');
    expect([both.typeName, await isParametrized(both, 'weight'), await isParametrized(both, 'bias'), names(namedMembers(both, 'parameters'))]).toEqual([
      'ParametrizedLinear', false, true, ['weight', 'parametrizations.bias.original'],
    ]);
  });
});

describe('cached() (conformance 32)', () => {
  it('computes once per block and ignores an original override inside it', async () => {
    let calls = 0;
    const Counting = defineClass('Counting', ModuleType, fwd((x) => (calls++, mul(x, 10))));
    const lin = await linear(1, 1, [1], false, ReadWeight());
    await registerParametrization(lin, 'weight', await construct(Counting));
    const afterRegister = calls;
    const w1 = await getattr(lin, 'weight');
    const w2 = await getattr(lin, 'weight');
    const outsideSame = w1 === w2;
    const callsOutside = calls;
    const override = () => PyDict.fromEntries([['parametrizations.weight.original', tensor([5], [1, 1])]]);
    const exit = enterCached();
    let stale: Tensor;
    let insideSame: boolean;
    let callsInside: number;
    try {
      const c1 = await getattr(lin, 'weight');
      insideSame = c1 === (await getattr(lin, 'weight'));
      callsInside = calls;
      stale = t(await functionalCall(lin, override()));
    } finally {
      exit();
    }
    const fresh = t(await functionalCall(lin, override()));
    const g = out('32_param_cached');
    expect(`${afterRegister} ${outsideSame ? 'True' : 'False'} ${callsOutside} ${insideSame ? 'True' : 'False'} ${callsInside}`).toBe(g[0]);
    expect([[...(stale.dataSync() as Float32Array)], [...(fresh.dataSync() as Float32Array)], calls]).toEqual([[10], [50], 5]);
  });
});
