// Backward formulas of the op table's elementwise ops (tensor/ops/table.ts): unary math,
// activations, binary arithmetic and the ternary ops. Broadcasting needs no care here: the engine
// sums each gradient down to its input's recorded shape (validate_outputs). Formulas follow
// PyTorch's derivatives.yaml, including its conventions at kinks (relu'(0) = 0, abs'(0) = 0,
// maximum's tie splits the gradient in half).

import type { GradNode } from '../../grad';
import type { Tensor } from '../../tensor';
import * as O from '../ops';
import { formulaFor, registerFormula, type FormulaContext } from '../registry';
import { savedScalar } from '../meta';
import { byEdge, operands, type Pos, type SaveSpec } from './operands';
import { pointwiseLossBackward, rmsNormBackward } from './nn';
import { reluBackwardFast } from './fast';

type G = readonly (Tensor | null)[];

/** A unary formula over (g, a = saved input or result). */
function unary(name: string | string[], save: 'a' | 'result', f: (g: Tensor, x: Tensor, node: GradNode) => Tensor): void {
  registerFormula(name, (node, grads, fx) => {
    if (!fx.needs[0]) return [null];
    const ops = operands(node, 1, [save]);
    return [f(grads[0]!, ops.saved(save), node)];
  });
}

/** A formula that needs nothing saved. */
function plain(name: string | string[], f: (g: Tensor, node: GradNode, fx: FormulaContext) => (Tensor | null)[]): void {
  registerFormula(name, (node, grads, fx) => f(grads[0]!, node, fx));
}

const zerosLikeG = (g: Tensor): Tensor => O.mul(g, 0);
const oneMinus = (x: Tensor): Tensor => O.add(O.neg(x), 1);
const sq = (x: Tensor): Tensor => O.mul(x, x);
/** g where cond holds, else 0 (PyTorch's threshold_backward: 0 even where g is nan). */
const mask = (cond: Tensor, g: Tensor): Tensor => O.where(cond, g, 0);

// --- unary math ---------------------------------------------------------------------------------
unary('ExpBackward0', 'result', (g, r) => O.mul(g, r));
unary('Expm1Backward0', 'result', (g, r) => O.mul(g, O.add(r, 1)));
unary('Exp2Backward0', 'result', (g, r) => O.mul(O.mul(g, r), Math.LN2));
unary('LogBackward0', 'a', (g, a) => O.div(g, a));
unary('Log1PBackward0', 'a', (g, a) => O.div(g, O.add(a, 1)));
unary('Log2Backward0', 'a', (g, a) => O.div(g, O.mul(a, Math.LN2)));
unary('Log10Backward0', 'a', (g, a) => O.div(g, O.mul(a, Math.LN10)));
unary('SqrtBackward0', 'result', (g, r) => O.div(g, O.mul(r, 2)));
unary('RsqrtBackward0', 'result', (g, r) => O.mul(O.mul(g, O.mul(sq(r), r)), -0.5));
unary('SinBackward0', 'a', (g, a) => O.mul(g, O.cos(a)));
unary('CosBackward0', 'a', (g, a) => O.mul(g, O.neg(O.sin(a))));
unary('TanBackward0', 'result', (g, r) => O.mul(g, O.add(sq(r), 1)));
unary('AsinBackward0', 'a', (g, a) => O.div(g, O.sqrt(oneMinus(sq(a)))));
unary('AcosBackward0', 'a', (g, a) => O.neg(O.div(g, O.sqrt(oneMinus(sq(a))))));
unary('AtanBackward0', 'a', (g, a) => O.div(g, O.add(sq(a), 1)));
unary('SinhBackward0', 'a', (g, a) => O.mul(g, O.mul(O.add(O.exp(a), O.exp(O.neg(a))), 0.5)));
unary('CoshBackward0', 'a', (g, a) => O.mul(g, O.mul(O.sub(O.exp(a), O.exp(O.neg(a))), 0.5)));
// tanh and sigmoid run their own backward kernels (as ATen's tanh_backward / sigmoid_backward),
// which round once where the composite would twice, and have their own double backward below
unary('TanhBackward0', 'result', (g, r) => O.tanhBackward(g, r));
unary('SigmoidBackward0', 'result', (g, r) => O.sigmoidBackward(g, r));
unary('ErfBackward0', 'a', (g, a) => O.mul(g, O.mul(O.exp(O.neg(sq(a))), 2 / Math.sqrt(Math.PI))));
unary('ReciprocalBackward0', 'result', (g, r) => O.neg(O.mul(g, sq(r))));
registerFormula('AbsBackward0', (node, grads, fx) => {
  if (node.ctx.loss !== undefined) return pointwiseLossBackward(node, grads, fx.needs);
  return [O.mul(grads[0]!, O.sign(operands(node, 1, ['a']).saved('a')))];
});
plain('NegBackward0', (g) => [O.neg(g)]);
plain(['SignBackward0', 'FloorBackward0', 'CeilBackward0', 'TruncBackward0', 'RoundBackward0', 'RoundBackward1'], (g) => [zerosLikeG(g)]);
plain('FracBackward0', (g) => [g]);

// --- activations --------------------------------------------------------------------------------
registerFormula('ReluBackward0', (node, grads, fx) => {
  if (!fx.needs[0]) return [null];
  const r = operands(node, 1, ['result']).saved('result');
  const g = grads[0]!;
  return [(!fx.createGraph ? reluBackwardFast(g, r) : null) ?? mask(O.gt(r, 0), g)];
});
registerFormula('HardtanhBackward0', (node, grads) => {
  const ops = operands(node, 1, ['a']);
  const a = ops.saved('a');
  return [mask(O.logicalNot(O.logicalNot(O.mul(O.gt(a, ops.param(0)), O.lt(a, ops.param(1))))), grads[0]!)];
});
registerFormula(['LeakyReluBackward0', 'LeakyReluBackward1'], (node, grads) => {
  // the in-place form saved its (overwritten) target: the result, whose sign is the input's
  const ops = operands(node, 1, ['a']);
  const g = grads[0]!;
  return [O.where(O.gt(ops.saved('a'), 0), g, O.mul(g, ops.param(0)))];
});
registerFormula('EluBackward0', (node, grads) => {
  const ops = operands(node, 1, ['a']);
  const [alpha, scale, inScale] = [ops.param(0), ops.param(1), ops.param(2)];
  const a = ops.saved('a');
  const g = grads[0]!;
  return [O.where(O.gt(a, 0), O.mul(g, scale), O.mul(g, O.mul(O.exp(O.mul(a, inScale)), scale * alpha * inScale)))];
});
registerFormula('EluBackward1', (node, grads) => {
  const ops = operands(node, 1, ['a']);
  const [alpha, scale, inScale] = [ops.param(0), ops.param(1), ops.param(2)];
  const r = ops.saved('a'); // the result (in place)
  const g = grads[0]!;
  return [O.where(O.gt(r, 0), O.mul(g, scale), O.mul(g, O.mul(O.add(r, alpha * scale), inScale)))];
});
unary('GeluBackward0', 'a', (g, a, node) => {
  if (node.ctx.approximate === 'tanh') {
    const k = Math.sqrt(2 / Math.PI);
    const inner = O.mul(O.add(a, O.mul(O.mul(sq(a), a), 0.044715)), k);
    const t = O.tanh(inner);
    const dinner = O.mul(O.add(O.mul(sq(a), 3 * 0.044715), 1), k);
    const d = O.add(O.mul(O.add(t, 1), 0.5), O.mul(O.mul(a, 0.5), O.mul(oneMinus(sq(t)), dinner)));
    return O.mul(g, d);
  }
  const cdf = O.mul(O.add(O.erf(O.mul(a, Math.SQRT1_2)), 1), 0.5);
  const pdf = O.mul(O.exp(O.mul(sq(a), -0.5)), 1 / Math.sqrt(2 * Math.PI));
  return O.mul(g, O.add(cdf, O.mul(a, pdf)));
});
unary('SiluBackward0', 'a', (g, a) => {
  const s = O.sigmoid(a);
  return O.mul(g, O.mul(s, O.add(O.mul(a, oneMinus(s)), 1)));
});
unary('MishBackward0', 'a', (g, a) => {
  const sp = O.log(O.add(O.exp(a), 1));
  const t = O.tanh(sp);
  return O.mul(g, O.add(t, O.mul(O.mul(a, O.sigmoid(a)), oneMinus(sq(t)))));
});
registerFormula('SoftplusBackward0', (node, grads) => {
  const ops = operands(node, 1, ['a']);
  const [beta, threshold] = [ops.param(0), ops.param(1)];
  const a = ops.saved('a');
  const z = O.exp(O.mul(a, beta));
  const g = grads[0]!;
  return [O.where(O.gt(O.mul(a, beta), threshold), g, O.mul(g, O.div(z, O.add(z, 1))))];
});
unary('HardsigmoidBackward0', 'a', (g, a) => mask(O.mul(O.gt(a, -3), O.lt(a, 3)), O.div(g, 6)));
unary('HardswishBackward0', 'a', (g, a) =>
  O.where(O.lt(a, -3), O.mul(g, 0), O.where(O.le(a, 3), O.mul(g, O.add(O.div(a, 3), 0.5)), g)),
);
unary('LogSigmoidBackward0', 'a', (g, a) => O.mul(g, oneMinus(O.sigmoid(a))));
unary('NanToNumBackward0', 'a', (g, a) => mask(O.eq(O.sub(a, a), 0), g));

// --- clamp family ---------------------------------------------------------------------------------
registerFormula('ClampBackward1', (node, grads) => {
  const ops = operands(node, 1, ['a']);
  const a = ops.saved('a');
  return [mask(O.mul(O.ge(a, ops.param(0)), O.le(a, ops.param(1))), grads[0]!)];
});
registerFormula('ClampMinBackward0', (node, grads) => {
  const ops = operands(node, 1, ['a']);
  return [mask(O.ge(ops.saved('a'), ops.param(0)), grads[0]!)];
});
registerFormula('ClampMaxBackward0', (node, grads) => {
  const ops = operands(node, 1, ['a']);
  return [mask(O.le(ops.saved('a'), ops.param(1)), grads[0]!)];
});
registerFormula(['ClampMinBackward1', 'ClampMaxBackward1'], (node, grads, fx) => {
  const ops = operands(node, 2, ['a', 'b']);
  const [a, b] = [ops.saved('a'), ops.saved('b')];
  const inside = node.name === 'ClampMinBackward1' ? O.ge(a, b) : O.le(a, b);
  const g = grads[0]!;
  return byEdge(node, ops, [[0, () => mask(inside, g)], [1, () => mask(O.logicalNot(inside), g)]], fx.needs);
});
registerFormula('ClampBackward0', (node, grads, fx) => {
  const g = grads[0]!;
  const kind = node.ctx.bounds as 'min' | 'max' | undefined;
  if (node.next.length === 3 || kind === undefined) {
    const ops = operands(node, 3, ['a', 'b', 'c']);
    if (!ops.isTensor(2) && kind === undefined && node.next.length !== 3) return [null];
    const [a, lo, hi] = [ops.saved('a'), ops.saved('b'), ops.saved('c')];
    const below = O.lt(a, lo);
    const above = O.gt(a, hi);
    const inside = O.logicalNot(O.add(below, above));
    // clamp_backward_min_max: min gets x < min (when min < max), max gets x > max or max < min
    return byEdge(node, ops, [[0, () => mask(inside, g)], [1, () => mask(O.and(below, O.lt(lo, hi)), g)], [2, () => mask(O.or(above, O.lt(hi, lo)), g)]], fx.needs);
  }
  const ops = operands(node, 2, ['a', 'b']);
  const [a, b] = [ops.saved('a'), ops.saved('b')];
  const inside = kind === 'min' ? O.ge(a, b) : O.le(a, b);
  return byEdge(node, ops, [[0, () => mask(inside, g)], [1, () => mask(O.logicalNot(inside), g)]], fx.needs);
});

// --- binary arithmetic --------------------------------------------------------------------------------
function binary(name: string | string[], saves: SaveSpec, f: (g: Tensor, ops: ReturnType<typeof operands>, node: GradNode) => [Pos, () => Tensor][]): void {
  registerFormula(name, (node, grads, fx) => {
    const ops = operands(node, node.name.startsWith('Addc') || node.name === 'LerpBackward1' ? 3 : 2, saves);
    return byEdge(node, ops, f(grads[0]!, ops, node), fx.needs);
  });
}
/** Operand value: the saved tensor or the Python scalar. PyTorch wraps a scalar operand into a
 * tensor and saves it like any other (mul, div), so it too is gone once the graph is freed. */
const val = (ops: ReturnType<typeof operands>, p: 'a' | 'b' | 'c', node: GradNode): Tensor | number => {
  const pos = 'abc'.indexOf(p) as Pos;
  return ops.isTensor(pos) ? ops.saved(p) : savedScalar(node, ops.scalar(pos));
};
const T = (x: Tensor | number, like: Tensor): Tensor => (typeof x === 'number' ? O.add(O.mul(like, 0), x) : x);

binary('AddBackward0', [], (g, ops) => [[0, () => g], [1, () => O.mul(g, ops.param(0))]]);
// rsub(self, other, alpha) runs the `sub` kernel on (other, self): operand a is `other`
binary(['SubBackward0', 'RsubBackward0', 'RsubBackward1'], [], (g, ops) => [[0, () => g], [1, () => O.mul(g, -ops.param(0))]]);
binary(['MulBackward0', 'MulBackward1'], ['a', 'b'], (g, ops, node) => {
  if (node.saved.length === 0 && node.next.length === 1) {
    // `s / x` (PyTorch computes x.reciprocal() * s): d/dx = -s / x²
    const s = node.ctx.scalar as number | undefined;
    const x = node.ctx.input as Tensor | undefined;
    if (s === undefined || x === undefined) return [[0, () => O.mul(g, savedScalar(node, ops.scalar(1)))]];
    return [[0, () => O.neg(O.div(O.mul(g, s), sq(savedScalar(node, x))))]];
  }
  return [
    [0, () => { const b = val(ops, 'b', node); return O.mul(g, b); }],
    [1, () => O.mul(g, val(ops, 'a', node))],
  ];
});
// rms_norm's single node is a MulBackward0 too: dispatch on its ctx before the elementwise rule
{
  const mulRule = formulaFor('MulBackward0')!;
  registerFormula('MulBackward0', (node, grads, fx) =>
    node.ctx.composite === 'rms_norm' ? rmsNormBackward(node, grads, fx.needs) : mulRule(node, grads, fx),
  );
}
binary(['DivBackward0', 'DivBackward1'], ['a', 'b'], (g, ops, node) => [
  [0, () => { const b = val(ops, 'b', node); return O.div(g, b); }],
  [1, () => { const a = val(ops, 'a', node); const b = ops.saved('b'); return O.neg(O.div(O.mul(g, a), sq(b))); }],
]);
binary('DivBackward2', [], (g) => [[0, () => O.mul(g, 0)], [1, () => O.mul(g, 0)]]);
binary(['RemainderBackward0', 'FmodBackward0'], [], (g) => [[0, () => g]]);
binary(['RemainderBackward1', 'FmodBackward1'], ['a', 'b'], (g, ops, node) => [
  [0, () => g],
  [1, () => {
    const a = val(ops, 'a', node);
    const b = ops.saved('b');
    const q = O.div(T(a, b), b);
    return O.neg(O.mul(g, node.name === 'FmodBackward1' ? O.truncOf(q) : O.floorOf(q)));
  }],
]);
registerFormula('PowBackward0', (node, grads, fx) => {
  if (!fx.needs[0]) return [null];
  const ops = operands(node, 1, ['a']);
  const a = ops.saved('a');
  // square() records PowBackward0 with no parameter: the exponent is 2
  const params = node.ctx.params as number[] | undefined;
  const p = params !== undefined && params.length === 0 ? 2 : ops.param(0);
  const g = grads[0]!;
  if (p === 0) return [O.mul(g, 0)];
  return [O.mul(g, O.mul(O.pow(a, p - 1), p))];
});
binary('PowBackward1', ['a', 'b', 'result'], (g, ops) => [
  [0, () => {
    const a = ops.saved('a');
    const b = ops.saved('b');
    return O.where(O.eq(b, 0), O.mul(g, 0), O.mul(g, O.mul(b, O.pow(a, O.sub(b, 1)))));
  }],
  [1, () => {
    const a = ops.saved('a');
    const b = ops.saved('b');
    const r = ops.saved('result');
    return O.where(O.logicalNot(O.logicalNot(O.mul(O.eq(a, 0), O.ge(b, 0)))), O.mul(g, 0), O.mul(g, O.mul(r, O.log(a))));
  }],
]);
registerFormula('PowBackward2', (node, grads) => {
  const ops = operands(node, 1, ['result']);
  return [O.mul(O.mul(grads[0]!, ops.saved('result')), Math.log(ops.param(0)))];
});
binary('Atan2Backward0', ['a', 'b'], (g, ops) => {
  const den = (): Tensor => O.add(sq(ops.saved('a')), sq(ops.saved('b')));
  return [[0, () => O.div(O.mul(g, ops.saved('b')), den())], [1, () => O.neg(O.div(O.mul(g, ops.saved('a')), den()))]];
});
function extremum(name: string, wins: (a: Tensor, b: Tensor) => Tensor): void {
  binary(name, ['a', 'b'], (g, ops) => {
    const share = (self: Tensor, other: Tensor): Tensor => O.where(O.eq(self, other), O.div(g, 2), mask(wins(self, other), g));
    return [[0, () => share(ops.saved('a'), ops.saved('b'))], [1, () => share(ops.saved('b'), ops.saved('a'))]];
  });
}
extremum('MaximumBackward0', (s, o) => O.gt(s, o));
extremum('MinimumBackward0', (s, o) => O.lt(s, o));
registerFormula('LerpBackward0', (node, grads, fx) => {
  const ops = operands(node, 2, []);
  const w = ops.param(0);
  const g = grads[0]!;
  return byEdge(node, ops, [[0, () => O.mul(g, 1 - w)], [1, () => O.mul(g, w)]], fx.needs);
});
binary('LerpBackward1', ['a', 'b', 'c'], (g, ops) => [
  [0, () => O.mul(g, oneMinus(ops.saved('c')))],
  [1, () => O.mul(g, ops.saved('c'))],
  [2, () => O.mul(g, O.sub(ops.saved('b'), ops.saved('a')))],
]);
// derivatives.yaml: tanh_backward → grad_output: tanh_backward(grad, output), output: grad·(-2·output
// ·grad_output); sigmoid_backward → sigmoid_backward(grad, output), grad·grad_output·(-2·output + 1)
binary('TanhBackwardBackward0', ['a', 'b'], (gg, ops) => [
  [0, () => O.tanhBackward(gg, ops.saved('b'))],
  [1, () => O.mul(gg, O.mul(O.mul(ops.saved('b'), -2), ops.saved('a')))],
]);
binary('SigmoidBackwardBackward0', ['a', 'b'], (gg, ops) => [
  [0, () => O.sigmoidBackward(gg, ops.saved('b'))],
  [1, () => O.mul(O.mul(gg, ops.saved('a')), O.add(O.mul(ops.saved('b'), -2), 1))],
]);
// derivatives.yaml's association (it shows in the last bits): addcmul's tensor1 gets
// grad·(tensor2·value); addcdiv's tensor1 grad·(value / tensor2), tensor2 -grad·(value·tensor1 /
// (tensor2·tensor2))
binary('AddcmulBackward0', ['b', 'c'], (g, ops) => {
  const v = (): number => ops.param(0);
  return [[0, () => g], [1, () => O.mul(g, O.mul(ops.saved('c'), v()))], [2, () => O.mul(g, O.mul(ops.saved('b'), v()))]];
});
binary('AddcdivBackward0', ['b', 'c'], (g, ops) => {
  const v = (): number => ops.param(0);
  return [
    [0, () => g],
    // C++'s `Scalar / Tensor`: a tensor filled with value, divided by tensor2
    [1, () => { const c = ops.saved('c'); return O.mul(g, O.div(O.mul(O.onesLike(c), v()), c)); }],
    [2, () => O.mul(O.neg(g), O.div(O.mul(ops.saved('b'), v()), sq(ops.saved('c'))))],
  ];
});

// --- selection ----------------------------------------------------------------------------------------
registerFormula('WhereBackward0', (node, grads, fx) => {
  const ops = operands(node, 3, ['a']);
  const cond = ops.saved('a');
  const g = grads[0]!;
  return byEdge(node, ops, [[1, () => mask(cond, g)], [2, () => mask(O.logicalNot(cond), g)]], fx.needs);
});
registerFormula(['MaskedFillBackward0', 'MaskedFillBackward1'], (node, grads, fx) => {
  // forward: where(mask, value, self); in place the target `self` comes first in `next`
  const m = operands(node, 3, ['a']).saved('a');
  const g = grads[0]!;
  const inplace = node.ctx.inplace === true || (node.ctx.inplace === undefined && node.next[0] != null);
  const selfIdx = inplace ? 0 : node.next.length - 1;
  const valueIdx = node.name === 'MaskedFillBackward1' ? (inplace ? 2 : 1) : -1;
  return node.next.map((_, i) => {
    if (!fx.needs[i]) return null;
    if (i === selfIdx) return mask(O.logicalNot(m), g);
    if (i === valueIdx) return O.sum(mask(m, g));
    return null;
  });
});

// --- copies ------------------------------------------------------------------------------------------
plain(['CloneBackward0', 'ToCopyBackward0', 'AliasBackward0'], (g) => [g]);
plain('CopyBackwards', (g, node) => node.next.map((_, i) => (i === 0 ? O.mul(g, 0) : g)));
plain(['FillBackward2', 'ZeroBackward0'], (g) => [O.mul(g, 0)]);
plain('FillBackward3', (g) => [O.mul(g, 0), O.sum(g)]);

