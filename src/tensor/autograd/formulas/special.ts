// Backward formulas of the op table's special-math elementwise ops (erfc, erfinv, lgamma, digamma,
// inverse hyperbolics, sinc, deg2rad/rad2deg, logit, hypot, copysign, xlogy, logaddexp(2),
// fmax/fmin, nextafter), following PyTorch's derivatives.yaml — including where it has none
// (nextafter raises "the derivative for 'nextafter' is not implemented."). Digamma's derivative,
// trigamma, has no op in the engine: it is evaluated directly and carries no history (a second
// derivative through digamma is not supported).

import { PyError } from '../../../errors';
import { Tensor } from '../../tensor';
import * as U from '../../ops/unary';
import * as A from '../../ops/arith';
import * as K from '../../ops/compare';
import * as O from '../ops';
import { annotate } from '../annotate';
import { registerFormula } from '../registry';
import { byEdge, operands } from './operands';

const erfinv = (t: Tensor): Tensor => annotate(U.erfinv(t), [t]);
const digamma = (t: Tensor): Tensor => annotate(U.digamma(t), [t]);
const xlogy = (a: Tensor, b: Tensor | number): Tensor => annotate(A.xlogy(a, b), typeof b === 'number' ? [a] : [a, b], { scalars: [null, typeof b === 'number' ? b : null] });
const sq = (x: Tensor): Tensor => O.mul(x, x);

/** ψ₁(x): recurrence up to x ≥ 6, then the asymptotic series; reflection for x < 0. */
export function trigamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0 && x === Math.trunc(x)) return Infinity;
  if (x < 0) {
    const s = Math.sin(Math.PI * x);
    return -trigamma(1 - x) + (Math.PI * Math.PI) / (s * s);
  }
  let r = 0;
  while (x < 6) {
    r += 1 / (x * x);
    x += 1;
  }
  const z = 1 / (x * x);
  return r + 1 / x + z / 2 + (z / x) * (1 / 6 - z * (1 / 30 - z * (1 / 42 - z / 30)));
}

/** f applied to every value (no autograd history). */
function mapValues(t: Tensor, f: (x: number) => number): Tensor {
  const src = t.dataSync() as ArrayLike<number>;
  const out = Tensor.empty(t.shape, t.dtype, t.device);
  const d = out.storage.data as Float32Array | Float64Array;
  for (let i = 0; i < src.length; i++) d[i] = f(src[i]);
  return out;
}

function unary(name: string, save: 'a' | 'result', f: (g: Tensor, x: Tensor, p: (k: number) => number) => Tensor): void {
  registerFormula(name, (node, grads, fx) => {
    if (!fx.needs[0]) return [null];
    const ops = operands(node, 1, [save]);
    return [f(grads[0]!, ops.saved(save), (k) => ops.param(k))];
  });
}

unary('ErfcBackward0', 'a', (g, a) => O.mul(g, O.mul(O.exp(O.neg(sq(a))), -2 / Math.sqrt(Math.PI))));
unary('ErfinvBackward0', 'a', (g, a) => O.mul(g, O.mul(O.exp(sq(erfinv(a))), Math.sqrt(Math.PI) / 2)));
unary('LgammaBackward0', 'a', (g, a) => O.mul(g, digamma(a)));
unary('DigammaBackward0', 'a', (g, a) => O.mul(g, mapValues(a, trigamma)));
unary('AsinhBackward0', 'a', (g, a) => O.div(g, O.sqrt(O.add(sq(a), 1))));
// PyTorch: grad * (self.pow(2) - 1).rsqrt()
unary('AcoshBackward0', 'a', (g, a) => O.div(g, O.sqrt(O.sub(sq(a), 1))));
unary('AtanhBackward0', 'a', (g, a) => O.div(g, O.add(O.neg(sq(a)), 1)));
unary('SincBackward0', 'a', (g, a) => {
  const pa = O.mul(a, Math.PI);
  const d = O.div(O.sub(O.mul(pa, O.cos(pa)), O.sin(pa)), O.mul(O.mul(a, a), Math.PI));
  return O.where(O.eq(a, 0), O.mul(g, 0), O.mul(g, d));
});
registerFormula('Deg2RadBackward0', (_n, grads) => [O.mul(grads[0]!, Math.PI / 180)]);
registerFormula('Rad2DegBackward0', (_n, grads) => [O.mul(grads[0]!, 180 / Math.PI)]);
// logit_backward: eps None: NaN outside [0, 1]; else 0 outside [eps, 1 - eps]. The forward keeps
// eps in ctx.eps (older records: parameter p0, -1 for None).
registerFormula('LogitBackward0', (node, grads, fx) => {
  if (!fx.needs[0]) return [null];
  const a = operands(node, 1, ['a']).saved('a');
  const g = grads[0]!;
  const eps = (node.ctx.eps as number | null | undefined) ?? (node.ctx.params as number[] | undefined)?.[0] ?? -1;
  const d = O.div(g, O.mul(a, O.add(O.neg(a), 1)));
  const outside = O.or(O.lt(a, eps < 0 ? 0 : eps), O.gt(a, eps < 0 ? 1 : 1 - eps));
  return [O.where(outside, eps < 0 ? NaN : 0, d)];
});

registerFormula('HypotBackward0', (node, grads, fx) => {
  const ops = operands(node, 2, ['a', 'b', 'result']);
  const g = grads[0]!;
  const r = ops.saved('result');
  return byEdge(node, ops, [[0, () => O.div(O.mul(g, ops.saved('a')), r)], [1, () => O.div(O.mul(g, ops.saved('b')), r)]], fx.needs);
});
// copysign_tensor_self_backward: grad * (self != 0 ? result / self : 0); other gets zeros
registerFormula(['CopysignBackward0', 'CopysignBackward1'], (node, grads, fx) => {
  const ops = operands(node, 2, ['a', 'result']);
  const g = grads[0]!;
  const self = (): Tensor => {
    const a = ops.saved('a');
    return O.where(O.eq(a, 0), O.mul(g, 0), O.mul(g, O.div(ops.saved('result'), a)));
  };
  return byEdge(node, ops, [[0, self], [1, () => O.mul(g, 0)]], fx.needs);
});
registerFormula(['XlogyBackward0', 'XlogyBackward2'], (node, grads, fx) => {
  const ops = operands(node, 2, ['a', 'b']);
  const g = grads[0]!;
  const other = (): Tensor | number => (ops.isTensor(1) ? ops.saved('b') : ops.scalar(1));
  const nonzero = (): Tensor => O.castTo(K.ne(ops.saved('a'), 0), g.dtype);
  return byEdge(
    node,
    ops,
    [
      [0, () => O.mul(g, xlogy(nonzero(), other()))],
      [1, () => O.div(O.mul(g, ops.saved('a')), ops.saved('b'))],
    ],
    fx.needs,
  );
});
for (const [name, base] of [['LogaddexpBackward0', Math.E], ['Logaddexp2Backward0', 2]] as const) {
  registerFormula(name, (node, grads, fx) => {
    const ops = operands(node, 2, ['a', 'b']);
    const g = grads[0]!;
    const share = (x: Tensor, y: Tensor): Tensor => O.div(g, O.add(O.exp(O.mul(O.sub(y, x), Math.log(base))), 1));
    return byEdge(node, ops, [[0, () => share(ops.saved('a'), ops.saved('b'))], [1, () => share(ops.saved('b'), ops.saved('a'))]], fx.needs);
  });
}
// fmax: self gets grad where self >= other or other is nan; other where it does not (fmin: <=)
for (const [name, wins] of [['FmaxBackward0', O.ge], ['FminBackward0', O.le]] as const) {
  registerFormula(name, (node, grads, fx) => {
    const ops = operands(node, 2, ['a', 'b']);
    const g = grads[0]!;
    const selfWins = (): Tensor => O.or(wins(ops.saved('a'), ops.saved('b')), K.isnan(ops.saved('b')));
    return byEdge(node, ops, [[0, () => O.where(selfWins(), g, 0)], [1, () => O.where(selfWins(), 0, g)]], fx.needs);
  });
}
registerFormula('NextafterBackward0', () => {
  throw new PyError('RuntimeError', "the derivative for 'nextafter' is not implemented.");
});
