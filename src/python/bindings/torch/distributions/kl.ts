// torch.distributions.kl: kl_divergence(p, q) dispatching on the pair of classes through a
// registry that scripts extend with `@register_kl(P, Q)`, the most specific registered pair
// winning (PyTorch's _dispatch_kl, with its "Ambiguous kl_divergence" RuntimeWarning), and the
// closed forms PyTorch registers for the families implemented here, op for op as kl.py.

import { PyError } from '../../../../errors';
import { binop, inplaceOp, setitem } from '../../../builtins/ops';
import { importModule } from '../../../interp';
import { warn } from '../../../builtins/warnings';
import { PyBuiltinFunction, PyModule, PyTuple, PyType, call, typeOf, type PyValue } from '../../../object';
import { binder } from '../../args';
import { ExponentialFamilyType, own } from './distribution';
import { BernoulliType, CategoricalType, OneHotCategoricalType } from './discrete';
import { ExponentialType, LaplaceType, UniformType } from './continuous';
import { NormalType } from './normal';
import { type V, F, add, attr, div, f, m, mul, neg, shapeOf, sub, sumRightmost, torch } from './ops';

const MODULE = 'torch.distributions.kl';
type KlFn = (p: V, q: V) => Promise<V>;
const g = attr;
const INF = f(Infinity);

async function klBernoulli(p: V, q: V): Promise<V> {
  const softplus = (x: V): Promise<V> => F('softplus', [x]);
  const pp = await g(p, 'probs'), qp = await g(q, 'probs');
  const t1 = await mul(pp, await sub(await softplus(await neg(await g(q, 'logits'))), await softplus(await neg(await g(p, 'logits')))));
  await setitem(t1, await m(qp, 'eq', [0]), INF);
  await setitem(t1, await m(pp, 'eq', [0]), 0);
  const t2 = await mul(await sub(1, pp), await sub(await softplus(await g(q, 'logits')), await softplus(await g(p, 'logits'))));
  await setitem(t2, await m(qp, 'eq', [1]), INF);
  await setitem(t2, await m(pp, 'eq', [1]), 0);
  return add(t1, t2);
}

async function klCategorical(p: V, q: V): Promise<V> {
  const pp = await g(p, 'probs');
  const t = await mul(pp, await sub(await g(p, 'logits'), await g(q, 'logits')));
  await setitem(t, await m(await m(await g(q, 'probs'), 'eq', [0]), 'expand_as', [t]), INF);
  await setitem(t, await m(await m(pp, 'eq', [0]), 'expand_as', [t]), 0);
  return m(t, 'sum', [-1]);
}

async function klNormal(p: V, q: V): Promise<V> {
  const qs = await g(q, 'scale');
  const varRatio = await m(await div(await g(p, 'scale'), qs), 'pow', [2]);
  const t1 = await m(await div(await sub(await g(p, 'loc'), await g(q, 'loc')), qs), 'pow', [2]);
  return mul(f(0.5), await sub(await sub(await add(varRatio, t1), 1), await m(varRatio, 'log')));
}

async function klExponential(p: V, q: V): Promise<V> {
  const r = await div(await g(q, 'rate'), await g(p, 'rate'));
  const t1 = await neg(await m(r, 'log'));
  return sub(await add(t1, r), 1);
}

async function klLaplace(p: V, q: V): Promise<V> {
  const ps = await g(p, 'scale'), qs = await g(q, 'scale');
  const ratio = await div(ps, qs);
  const absDiff = await m(await sub(await g(p, 'loc'), await g(q, 'loc')), 'abs');
  const t1 = await neg(await m(ratio, 'log'));
  const t2 = await div(absDiff, qs);
  const t3 = await mul(ratio, await torch('exp', [await div(await neg(absDiff), ps)]));
  return sub(await add(await add(t1, t2), t3), 1);
}

async function klUniform(p: V, q: V): Promise<V> {
  const [pl, ph, ql, qh] = [await g(p, 'low'), await g(p, 'high'), await g(q, 'low'), await g(q, 'high')];
  const result = await m(await div(await sub(qh, ql), await sub(ph, pl)), 'log');
  const mask = await binop('BitOr', await m(ql, 'gt', [pl]), await m(qh, 'lt', [ph]));
  await setitem(result, mask, INF);
  return result;
}

async function klOneHot(p: V, q: V): Promise<V> {
  return klCategorical(own(p).get('_categorical')!, own(q).get('_categorical')!);
}

async function klIndependent(p: V, q: V): Promise<V> {
  const n = Number(await g(p, 'reinterpreted_batch_ndims'));
  if (n !== Number(await g(q, 'reinterpreted_batch_ndims'))) throw new PyError('NotImplementedError', '');
  const result = await klDivergence(await g(p, 'base_dist'), await g(q, 'base_dist'));
  return sumRightmost(result, n);
}

/** Same exponential family: the Bregman divergence of the log normalizer, through autograd. */
async function klExpFamily(p: V, q: V): Promise<V> {
  if (typeOf(p) !== typeOf(q))
    throw new PyError('NotImplementedError', `The cross KL-divergence between different exponential families cannot${' '.repeat(29)}be computed using Bregman divergences`);
  const pn: V[] = [];
  for (const x of ((await g(p, '_natural_params')) as PyTuple).items) pn.push(await m(await m(x, 'detach'), 'requires_grad_'));
  const qn = ((await g(q, '_natural_params')) as PyTuple).items;
  const lg = await m(p, '_log_normalizer', pn);
  const autograd = await g(importModule('torch'), 'autograd');
  const grads = (await call(await g(autograd, 'grad'), [await m(lg, 'sum'), new PyTuple(pn)], new Map([['create_graph', true]]))) as PyTuple;
  let result = await sub(await m(q, '_log_normalizer', [...qn]), lg);
  const eventDims = shapeOf(await g(q, 'event_shape')).length;
  for (let i = 0; i < pn.length; i++) {
    const term = await mul(await sub(qn[i], pn[i]), grads.items[i]);
    result = await inplaceOp('Sub', result, await sumRightmost(term, eventDims));
  }
  return result;
}

// ---- the registry --------------------------------------------------------------------------------

/** Pairs registered natively by the other distribution files (MVN, Independent, Transformed). */
const nativePairs: [() => PyType, () => PyType, KlFn][] = [
  [() => BernoulliType, () => BernoulliType, klBernoulli],
  [() => CategoricalType, () => CategoricalType, klCategorical],
  [() => OneHotCategoricalType, () => OneHotCategoricalType, klOneHot],
  [() => NormalType, () => NormalType, klNormal],
  [() => ExponentialType, () => ExponentialType, klExponential],
  [() => LaplaceType, () => LaplaceType, klLaplace],
  [() => UniformType, () => UniformType, klUniform],
  [() => ExponentialFamilyType, () => ExponentialFamilyType, klExpFamily],
];
export function registerNativeKl(p: () => PyType, q: () => PyType, fn: KlFn): void {
  nativePairs.push([p, q, fn]);
}
export { klIndependent };

interface Registry {
  pairs: [PyType, PyType, PyValue][];
}
let current: Registry = { pairs: [] };

function fresh(): Registry {
  return {
    pairs: nativePairs.map(([p, q, fn]) => [p(), q(), new PyBuiltinFunction(`_kl_${p().name.toLowerCase()}_${q().name.toLowerCase()}`, (a) => fn(a[0], a[1]), `${MODULE}._kl`)]),
  };
}

/** PyTorch's _dispatch_kl: among registered (P, Q) with type_p ⊆ P and type_q ⊆ Q, the most
 * specific by p first (left) and by q first (right); a disagreement warns. */
async function dispatch(tp: PyType, tq: PyType): Promise<PyValue | null> {
  const matches = current.pairs.filter(([p, q]) => tp.isSubtypeOf(p) && tq.isSubtypeOf(q));
  if (matches.length === 0) return null;
  const depth = (t: PyType, sup: PyType): number => t.mro.indexOf(sup);
  const byKey = (k: (x: [PyType, PyType, PyValue]) => [number, number]): [PyType, PyType, PyValue] =>
    matches.reduce((best, x) => {
      const [a, b] = k(x), [c, d] = k(best);
      return a < c || (a === c && b < d) ? x : best;
    });
  const left = byKey(([p, q]) => [depth(tp, p), depth(tq, q)]);
  const right = byKey(([p, q]) => [depth(tq, q), depth(tp, p)]);
  if (left[2] !== right[2])
    await warn('RuntimeWarning', `Ambiguous kl_divergence(${tp.name}, ${tq.name}). Please register_kl(${left[0].name}, ${right[1].name})`);
  return left[2];
}

export async function klDivergence(p: V, q: V): Promise<V> {
  const fn = await dispatch(typeOf(p), typeOf(q));
  if (fn === null)
    throw new PyError('NotImplementedError', `No KL(p || q) is implemented for p type ${typeOf(p).name} and q type ${typeOf(q).name}`);
  return call(fn, [p, q]);
}

const bindKl = binder('kl_divergence(p, q)');
const bindReg = binder('register_kl(type_p, type_q)');

/** kl_divergence and register_kl for one run (the registry starts from PyTorch's pairs). */
export function klEntries(): Map<string, PyValue> {
  current = fresh();
  const reg = current;
  const d = new Map<string, PyValue>();
  d.set('kl_divergence', new PyBuiltinFunction('kl_divergence', (a, kw) => klDivergence(...(bindKl(a, kw).values as [V, V])), `${MODULE}.kl_divergence`));
  d.set('register_kl', new PyBuiltinFunction('register_kl', (a, kw) => {
    const [tp, tq] = bindReg(a, kw).values;
    if (!(tp instanceof PyType)) throw new PyError('TypeError', `Expected type_p to be a Distribution subclass but got ${String(tp)}`);
    if (!(tq instanceof PyType)) throw new PyError('TypeError', `Expected type_q to be a Distribution subclass but got ${String(tq)}`);
    return new PyBuiltinFunction('decorator', (b) => {
      // `_KL_REGISTRY[type_p, type_q] = fun`: a pair registered again is replaced
      const i = reg.pairs.findIndex(([p, q]) => p === tp && q === tq);
      if (i >= 0) reg.pairs[i] = [tp, tq, b[0]];
      else reg.pairs.push([tp, tq, b[0]]);
      return b[0];
    }, `${MODULE}.register_kl.<locals>.decorator`);
  }, `${MODULE}.register_kl`));
  return d;
}

export const klModule = (entries: Map<string, PyValue>): PyModule => new PyModule(MODULE, new Map(entries));
