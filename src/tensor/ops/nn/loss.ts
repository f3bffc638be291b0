// The loss functions of torch.nn.functional with their reductions: mse, l1, smooth_l1, huber,
// cross_entropy (class indices with weight / ignore_index / label_smoothing, or class
// probabilities), nll_loss, binary_cross_entropy(_with_logits), kl_div. Values are PyTorch's to the
// last bit (loss_bits.test.ts): the pointwise kernels round each step in the dtype as ATen's do and
// reduce with the engine's sum/mean (TensorIterator's add order); bce_with_logits, l1 and kl_div
// are composed from engine ops as ATen composes them; nll_loss adds in its kernel's cascade
// (nll_cpu.ts). The result records the node
// PyTorch's composite leaves last (MseLossBackward0, NllLossBackward0, MeanBackward0 for l1 ...,
// fixtures/nn_cases.oracle.py) with its inputs as edges, and the loss kind in ctx for autograd.

import { PyError } from '../../../errors';
import { isFloating } from '../../dtype';
import { recordOp, withNoGrad } from '../../grad';
import { broadcastShapes, numelOf } from '../../shape';
import { Tensor } from '../../tensor';
import { contiguous, expand, reshape } from '../views';
import { add, div, mul, rsub, sub, xlogy } from '../arith';
import { abs, exp, neg } from '../unary';
import { mean, sum } from '../reduce';
import { elementwise } from '../elementwise';
import { maskedFill } from '../compare';
import { pyf } from '../../scalar';
import { bf16, f16 } from '../../cpu/math';
import { logSoftmax } from './softmax';
import { checkReduction, floatValues, type FloatArr } from './rows';
import { promoteTypes, scalarTypeName } from '../../promotion';
import { emitNnWarning, torchSize } from './warnings';
import { nllCascade, type NllTerm } from './nll_cpu';

/** One element of a pointwise loss; `R` rounds an intermediate to the dtype (ATen's kernels compute
 * in scalar_t, each operation rounded), so the caller writes the kernel's expression with its
 * roundings. */
type Pointwise = (x: number, t: number, i: number, R: (v: number) => number) => number;

/** Rounding of one operation's result to `dtype`: float32 once; the half types through float,
 * as c10::Half / BFloat16 arithmetic does; nothing for float64. */
function rounder(dtype: string): (v: number) => number {
  if (dtype === 'float32') return Math.fround;
  if (dtype === 'float16') return (v) => f16(Math.fround(v));
  if (dtype === 'bfloat16') return (v) => bf16(Math.fround(v));
  return (v) => v;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function broadcastWarning(input: Tensor, target: Tensor): void {
  if (!sameShape(input.shape, target.shape))
    emitNnWarning(
      'UserWarning',
      `Using a target size (${torchSize(target.shape)}) that is different to the input size (${torchSize(input.shape)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`,
    );
}

/** Row-major values of t broadcast to `shape`. */
function valuesAs(t: Tensor, shape: readonly number[]): FloatArr {
  return floatValues(contiguous(sameShape(t.shape, shape) ? t : expand(t, shape)));
}

/** Like valuesAs, but an integer operand is read as doubles: the pointwise losses are
 * TensorIterator ops in ATen, so mse_loss(float input, int64 target) promotes instead of failing. */
function promotedValuesAs(t: Tensor, shape: readonly number[]): FloatArr {
  if (isFloating(t.dtype)) return valuesAs(t, shape);
  const c = contiguous(sameShape(t.shape, shape) ? t : expand(t, shape));
  return Float64Array.from(c.dataSync() as ArrayLike<number | bigint>, Number);
}

/** Apply `f` elementwise over the broadcast of input and target, then reduce — or, where
 * `tensorForm` is given, compute the unreduced loss with engine ops (each step rounded to the
 * dtype, as PyTorch's kernel) and reduce with the engine's sum/mean (PyTorch's add order). */
function pointwiseLoss(
  input: Tensor, target: Tensor, reduction: string, f: Pointwise, grads: { none: string; mean: string; sum: string }, kind: string, extra: Tensor[] = [],
  ctx: Record<string, unknown> = {}, tensorForm?: (x: Tensor, t: Tensor) => Tensor,
): Tensor {
  const red = checkReduction(reduction);
  const shape = broadcastShapes(input.shape, target.shape);
  // the common dtype of the two, as TensorIterator computes it; a kernel exists only for floats
  const dtype = promoteTypes(input.dtype, target.dtype);
  if (!isFloating(dtype)) throw new PyError('RuntimeError', `"${kind}_cpu" not implemented for '${scalarTypeName(dtype)}'`);
  let out: Tensor;
  if (tensorForm !== undefined) {
    out = withNoGrad(() => {
      const l = tensorForm(input, target);
      return red === 'none' ? l : red === 'mean' ? mean(l) : sum(l);
    });
    return recordLoss(out, input, target, extra, grads[red], kind, red, ctx);
  }
  const x = promotedValuesAs(input, shape);
  const t = promotedValuesAs(target, shape);
  const n = numelOf(shape);
  const R = rounder(dtype);
  // the unreduced loss (every value already in the dtype), then ATen's apply_loss_reduction:
  // loss.mean() / loss.sum() in the engine's (PyTorch's) add order
  const none = Tensor.empty(shape, dtype, input.device);
  const o = none.storage.data as FloatArr;
  for (let i = 0; i < n; i++) o[i] = R(f(x[i], t[i], i, R));
  out = red === 'none' ? none : withNoGrad(() => (red === 'mean' ? mean(none) : sum(none)));
  return recordLoss(out, input, target, extra, grads[red], kind, red, ctx);
}

/** Record the loss node on `out`: PyTorch's grad_fn with the inputs as edges. */
function recordLoss(out: Tensor, input: Tensor, target: Tensor, extra: Tensor[], name: string, kind: string, red: string, ctx: Record<string, unknown>): Tensor {
  const node = recordOp(name, [input, target, ...extra], [out]);
  if (node) {
    node.save(input, target, ...extra);
    // what the backward reads (autograd/formulas/nn.ts): the kind, the reduction, beta/delta, and
    // which optional weights are among the saved tensors
    node.ctx = { loss: kind, reduction: red, ...ctx };
  }
  return out;
}

/** F.mse_loss(input, target, reduction='mean'). */
export function mseLoss(input: Tensor, target: Tensor, reduction = 'mean'): Tensor {
  broadcastWarning(input, target);
  const g = 'MseLossBackward0';
  // ATen's mse kernel: diff = a - b, then diff * diff, each rounded
  const sq = (x: Tensor, t: Tensor): Tensor => {
    const d = sub(x, t);
    return mul(d, d);
  };
  return pointwiseLoss(input, target, reduction, (x, t) => (x - t) * (x - t), { none: g, mean: g, sum: g }, 'mse', [], {}, sq);
}

/** The reduction PyTorch's composite losses end with (MeanBackward0 / SumBackward0 / none). */
const reduceBy = (t: Tensor, red: 'none' | 'mean' | 'sum'): Tensor => (red === 'none' ? t : red === 'mean' ? mean(t) : sum(t));

/** F.l1_loss(input, target, reduction='mean') — (input - target).abs() then the reduction, in engine
 * ops, so the graph is PyTorch's: MeanBackward0 → AbsBackward0 → SubBackward0. */
export function l1Loss(input: Tensor, target: Tensor, reduction = 'mean'): Tensor {
  broadcastWarning(input, target);
  const red = checkReduction(reduction);
  return reduceBy(abs(sub(input, target)), red);
}

/** F.smooth_l1_loss(input, target, reduction='mean', beta=1.0). */
export function smoothL1Loss(input: Tensor, target: Tensor, reduction = 'mean', beta = 1.0): Tensor {
  broadcastWarning(input, target);
  if (beta < 0) throw new PyError('RuntimeError', 'smooth_l1_loss does not support negative values for beta.');
  const g = 'SmoothL1LossBackward0';
  // smooth_l1_kernel: z = |a - b|; z < β ? 0.5·z·z / β : z - 0.5·β, left to right in scalar_t
  return pointwiseLoss(input, target, reduction, (x, t, _i, R) => {
    const z = Math.abs(R(x - t));
    const b = R(beta);
    if (b === 0) return z;
    return z < b ? R(R(R(0.5 * z) * z) / b) : R(z - R(0.5 * b));
  }, { none: g, mean: g, sum: g }, 'smooth_l1', [], { beta });
}

/** F.huber_loss(input, target, reduction='mean', delta=1.0). */
export function huberLoss(input: Tensor, target: Tensor, reduction = 'mean', delta = 1.0): Tensor {
  broadcastWarning(input, target);
  const g = 'HuberLossBackward0';
  // huber_kernel: z = |a - b|; z < δ ? 0.5·z·z : δ·(z - 0.5·δ) in scalar_t
  return pointwiseLoss(input, target, reduction, (x, t, _i, R) => {
    const z = Math.abs(R(x - t));
    const d = R(delta);
    return z < d ? R(R(0.5 * z) * z) : R(d * R(z - R(0.5 * d)));
  }, { none: g, mean: g, sum: g }, 'huber', [], { delta });
}

/** F.binary_cross_entropy(input, target, weight=None, reduction='mean'); log clamped at -100. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, weight: Tensor | null = null, reduction = 'mean'): Tensor {
  if (!sameShape(input.shape, target.shape))
    throw new PyError(
      'ValueError',
      `Using a target size (${torchSize(target.shape)}) that is different to the input size (${torchSize(input.shape)}) is deprecated. Please ensure they have the same size.`,
    );
  const w = weight === null ? null : valuesAs(weight, input.shape);
  // the kernel checks element by element, input before target
  const xs = floatValues(contiguous(input));
  const ts = promotedValuesAs(target, input.shape);
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i] >= 0 && xs[i] <= 1)) throw new PyError('RuntimeError', 'all elements of input should be between 0 and 1');
    if (!(ts[i] >= 0 && ts[i] <= 1)) throw new PyError('RuntimeError', 'all elements of target should be between 0 and 1');
  }
  const g = 'BinaryCrossEntropyBackward0';
  // ATen's kernel: (t - 1)·max(log1p(-x), -100) - t·max(log(x), -100) in scalar_t, each step
  // rounded (measured: no fused multiply-add here), then loss.mul_(weight)
  return pointwiseLoss(input, target, reduction, (x, t, i, R) => {
    const lo = Math.max(R(Math.log1p(-x)), -100);
    const lx = Math.max(R(Math.log(x)), -100);
    const l = R(R(R(t - 1) * lo) - R(t * lx));
    return w === null ? l : R(l * w[i]);
  }, { none: g, mean: g, sum: g }, 'bce', weight === null ? [] : [weight]);
}

/** F.binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean', pos_weight=None). */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, weight: Tensor | null = null, reduction = 'mean', posWeight: Tensor | null = null): Tensor {
  if (!sameShape(input.shape, target.shape))
    throw new PyError('ValueError', `Target size (${torchSize(target.shape)}) must be the same as input size (${torchSize(input.shape)})`);
  const g = 'BinaryCrossEntropyWithLogitsBackward0';
  // ATen composes it from tensor ops (each rounded in the dtype): log_sigmoid(x), times
  // (pos_weight - 1)·t + 1 when given; (1 - t)·x - that; times weight; then the reduction
  const red = checkReduction(reduction);
  const out = withNoGrad(() => {
    let ls = elementwise('logsigmoid', [input]);
    if (posWeight !== null) ls = mul(ls, add(mul(sub(posWeight, 1), target), 1));
    let loss = sub(mul(rsub(target, 1), input), ls);
    if (weight !== null) loss = mul(loss, weight);
    return reduceBy(loss, red);
  });
  const extra = [weight, posWeight].filter((v): v is Tensor => v !== null);
  return recordLoss(out, input, target, extra, g, 'bce_logits', red, { hasWeight: weight !== null, hasPosWeight: posWeight !== null });
}

/** F.kl_div(input, target, reduction='mean', log_target=False); reduction may be 'batchmean'.
 * In engine ops as ATen composes it: xlogy(t, t) - t·x (exp(t)·(t - x) for log targets), then
 * the reduction ('batchmean': the sum divided by the batch size, DivBackward0). */
export function klDiv(input: Tensor, target: Tensor, reduction = 'mean', logTarget = false): Tensor {
  if (reduction === 'mean')
    emitNnWarning(
      'UserWarning',
      "reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.",
    );
  const red = reduction === 'batchmean' ? 'sum' : checkReduction(reduction);
  const pointwise = logTarget ? mul(exp(target), sub(target, input)) : sub(xlogy(target, target), mul(target, input));
  const r = reduceBy(pointwise, red);
  return reduction === 'batchmean' && input.ndim !== 0 ? div(r, input.shape[0]) : r;
}

export interface NllOptions {
  weight?: Tensor | null;
  ignoreIndex?: number;
  reduction?: string;
}

/**
 * F.nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean'). input (N, C, *)
 * or (C); target (N, *) or (). Mean divides by the summed weights of non-ignored targets.
 */
export function nllLoss(input: Tensor, target: Tensor, opts: NllOptions = {}): Tensor {
  const red = checkReduction(opts.reduction ?? 'mean');
  const ignore = opts.ignoreIndex ?? -100;
  const batched = input.ndim >= 2;
  if (batched && input.shape[0] !== target.shape[0])
    throw new PyError('ValueError', `Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`);
  if (target.dtype !== 'int64' && target.dtype !== 'uint8')
    throw new PyError('RuntimeError', `expected scalar type Long but found ${scalarTypeName(target.dtype)}`);
  const c = batched ? input.shape[1] : input.shape[0];
  const n = batched ? input.shape[0] : 1;
  const spatial = batched ? numelOf(input.shape.slice(2)) : 1;
  const x = floatValues(contiguous(input));
  const tv = Array.from(contiguous(target).dataSync() as ArrayLike<number | bigint>, Number);
  const w = opts.weight ? floatValues(contiguous(opts.weight)) : null;
  const R = rounder(input.dtype);
  const per = new Float64Array(n * spatial);
  const terms: NllTerm[] = [];
  for (let b = 0; b < n; b++)
    for (let p = 0; p < spatial; p++) {
      const k = b * spatial + p;
      const cls = tv[k];
      if (cls === ignore) continue;
      if (cls < 0 || cls >= c) throw new PyError('IndexError', `Target ${cls} is out of bounds.`);
      const x0 = x[(b * c + cls) * spatial + p];
      const wt = w === null ? null : w[cls];
      per[k] = R(-x0 * (wt ?? 1));
      terms.push({ idx: k, x: x0, w: wt });
    }
  const [sum, wsum] = nllCascade(terms, n * spatial, w !== null, R);
  const grad = input.ndim >= 3 && !(input.ndim === 3 && red === 'none') ? 'NllLoss2DBackward0' : input.ndim === 3 ? 'ViewBackward0' : 'NllLossBackward0';
  let out: Tensor;
  if (red === 'none') {
    out = Tensor.empty(batched ? target.shape : [], input.dtype, input.device);
    (out.storage.data as FloatArr).set(per);
  } else {
    out = Tensor.empty([], input.dtype, input.device);
    (out.storage.data as FloatArr)[0] = red === 'mean' ? R(sum / wsum) : sum;
  }
  const node = recordOp(grad, [input, opts.weight ?? null], [out]);
  if (node) {
    node.save(input, target);
    if (opts.weight) node.save(opts.weight); // saved #2: the class weights
    node.ctx = { loss: 'nll', reduction: red, ignoreIndex: ignore, totalWeight: wsum };
  }
  return out;
}

export interface CrossEntropyOptions extends NllOptions {
  labelSmoothing?: number;
}

/** F.cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0). */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  const red = checkReduction(opts.reduction ?? 'mean');
  const eps = opts.labelSmoothing ?? 0;
  if (eps < 0 || eps > 1) throw new PyError('RuntimeError', `label_smoothing must be between 0.0 and 1.0. Got: ${eps}`);
  const classDim = input.ndim === 1 ? 0 : 1;
  const c = input.shape[classDim];
  const logp = logSoftmax(input, classDim);
  // ATen's cross_entropy_loss: a target of the input's shape holds class probabilities; any other
  // shape holds class indices (so a float index target fails in nll_loss's dtype check)
  if (sameShape(input.shape, target.shape)) {
    if (!isFloating(target.dtype))
      throw new PyError('RuntimeError', `Expected floating point type for target with class probabilities, got ${scalarTypeName(target.dtype)}`);
    return crossEntropyProbs(input, logp, target, red, eps, opts.weight ?? null);
  }
  const nll = nllLoss(logp, target, { ...opts, reduction: red });
  if (eps === 0) return nll;
  // ATen's cross_entropy_loss_label_smoothing, in engine ops: (1 - ε)·nll + smooth·(ε / C) with
  // smooth = -Σ_c w_c·logp_c per position, 0 where the target is ignored, then reduced (a weighted
  // mean divides by the weights of the kept targets). Scalar products record MulBackward1.
  const ignore = opts.ignoreIndex ?? -100;
  const w = opts.weight ?? null;
  const wShape = logp.shape.map((d, i) => (i === classDim ? d : 1));
  let smooth = neg(sum(w === null ? logp : mul(logp, reshape(w, wShape)), classDim));
  const ignored = elementwise('eq', [target, ignore]);
  smooth = maskedFill(smooth, ignored, 0);
  if (red === 'sum') smooth = sum(smooth);
  else if (red === 'mean') {
    const tv = Array.from(contiguous(target).dataSync() as ArrayLike<number | bigint>, Number);
    const wv = w === null ? null : floatValues(contiguous(w));
    let denom = 0;
    for (const t of tv) if (t !== ignore) denom += wv === null ? 1 : wv[t];
    smooth = div(sum(smooth), denom);
  }
  const scaled = (t: Tensor, k: number): Tensor => elementwise('mul', [t, pyf(k)], { grad: 'MulBackward1' });
  return add(scaled(nll, 1 - eps), scaled(smooth, eps / c));
}

/** Class-probability targets, as ATen's cross_entropy_loss_prob_target in engine ops:
 * -(logp · target' · w).sum(class dim) per position, target' = target·(1 - ε) + ε / C; mean
 * divides the total by the positions (DivBackward1), sum negates the total (NegBackward0). */
function crossEntropyProbs(input: Tensor, logp: Tensor, target: Tensor, red: 'none' | 'mean' | 'sum', eps: number, weight: Tensor | null): Tensor {
  if (!sameShape(input.shape, target.shape))
    throw new PyError('RuntimeError', `Expected target size ${JSON.stringify(input.shape).replace(/,/g, ', ')}, got ${JSON.stringify(target.shape).replace(/,/g, ', ')}`);
  const classDim = input.ndim === 1 ? 0 : 1;
  const c = input.shape[classDim];
  const t = eps > 0 ? add(mul(target, pyf(1 - eps)), pyf(eps / c)) : target;
  let prod = mul(logp, t);
  if (weight !== null) prod = mul(prod, reshape(weight, input.shape.map((d, i) => (i === classDim ? d : 1))));
  if (red === 'none') return neg(sum(prod, classDim));
  if (red === 'sum') return neg(sum(prod));
  return elementwise('div', [neg(sum(prod)), pyf(input.numel() / c)], { grad: 'DivBackward1' });
}
