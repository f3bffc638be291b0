// torch.nn.functional (`F`): the functions scripts call most, over the engine's nn ops. F's
// functions are Python functions in PyTorch (torch/nn/functional.py), so their arguments bind with
// CPython's rules and texts (args.ts binder); the C builtins they end in (linear, conv, gelu) keep
// PyTorch's own parser.

import { PyError } from '../../../errors';
import { type KwArgs, PyBuiltinFunction, PyFloat, PyList, PyTuple, type PyValue } from '../../object';
import { binder } from '../args';
import { ArgParser } from './argparse/parse';
import { toEngineDtype } from './types/dtype';
import { defaultGeneratorObject } from './types/generator';
import { alphaDropout, featureAlphaDropout, featureDropout } from '../../../tensor/ops/nn/dropout';
import * as E from './tensor/engine';
import { functionalMoreEntries } from './functional_more';
import { instanceNorm } from '../../../nn/layers/norm_more';
import { POOL_FUNCTIONALS } from '../../../nn/functional_pool';
import { UPSAMPLE_FUNCTIONALS } from '../../../nn/functional_upsample';
import type { Scalar, Tensor } from './tensor/engine';

const num = (v: PyValue): number => (v instanceof PyFloat ? v.v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
const scal = (v: PyValue): Scalar => (v instanceof PyFloat ? v : (v as Scalar));
const ints = (v: PyValue): number | number[] => (v instanceof PyTuple || v instanceof PyList ? v.items.map(Number) : Number(v));
const tensorArg = (v: PyValue, fn: string, name: string): Tensor => {
  if (!(v instanceof E.Tensor)) throw new PyError('TypeError', `${fn}(): argument '${name}' (position 1) must be Tensor, not ${typeof v}`);
  return v;
};
const optT = (v: PyValue): Tensor | null => (v instanceof E.Tensor ? v : null);
const truth = (v: PyValue): boolean => v === true || (typeof v === 'number' && v !== 0);

type Fn = (args: PyValue[], kwargs: KwArgs) => PyValue | Promise<PyValue>;
const F = new Map<string, PyValue>();
function pyFn(sig: string, f: (v: PyValue[]) => PyValue | Promise<PyValue>): void {
  const bind = binder(sig);
  const name = sig.slice(0, sig.indexOf('('));
  F.set(name, new PyBuiltinFunction(name, (a, kw) => f(bind(a, kw).values), `torch.nn.functional.${name}`));
}
function cFn(name: string, sigs: string[], f: (a: ReturnType<ArgParser['parse']>) => PyValue): void {
  const p = new ArgParser(sigs);
  const fn: Fn = (a, kw) => f(p.parse(a, kw));
  F.set(name, new PyBuiltinFunction(name, fn, `torch._C._nn.${name}`));
}

// ---- C builtins (PyTorch's parser) --------------------------------------------------------------

cFn('linear', ['linear(Tensor input, Tensor weight, Tensor? bias=None)'], (a) => E.linear(a.tensor('input'), a.tensor('weight'), a.optTensor('bias')));
cFn('gelu', ['gelu(Tensor input, *, c10::string_view approximate="none")'], (a) =>
  E.gelu(a.tensor('input'), a.string('approximate') as 'none' | 'tanh'));
const convSig = (n: number): string =>
  `conv${n}d(Tensor input, Tensor weight, Tensor? bias=None, SymIntArrayRef[${n}] stride=1, SymIntArrayRef[${n}] padding=0, SymIntArrayRef[${n}] dilation=1, SymInt groups=1)`;
const convSigStr = (n: number): string =>
  `conv${n}d(Tensor input, Tensor weight, Tensor? bias=None, SymIntArrayRef[${n}] stride=1, c10::string_view padding="valid", SymIntArrayRef[${n}] dilation=1, SymInt groups=1)`;
for (const n of [1, 2] as const) {
  cFn(`conv${n}d`, [convSig(n), convSigStr(n)], (a) => {
    const padding = a.raw('padding');
    const opts = {
      stride: a.intlist('stride'),
      padding: typeof padding === 'string' ? (padding as 'same' | 'valid') : a.intlist('padding'),
      dilation: a.intlist('dilation'),
      groups: a.int('groups'),
    };
    return (n === 1 ? E.conv1d : E.conv2d)(a.tensor('input'), a.tensor('weight'), a.optTensor('bias'), opts);
  });
}

for (const n of [1, 2] as const) {
  cFn(`conv_transpose${n}d`, [
    `conv_transpose${n}d(Tensor input, Tensor weight, Tensor? bias=None, SymIntArrayRef[${n}] stride=1, SymIntArrayRef[${n}] padding=0, SymIntArrayRef[${n}] output_padding=0, SymInt groups=1, SymIntArrayRef[${n}] dilation=1)`,
  ], (a) =>
    (n === 1 ? E.convTranspose1d : E.convTranspose2d)(a.tensor('input'), a.tensor('weight'), a.optTensor('bias'), {
      stride: a.intlist('stride'), padding: a.intlist('padding'), outputPadding: a.intlist('output_padding'), groups: a.int('groups'), dilation: a.intlist('dilation'),
    }));
}
cFn('prelu', ['prelu(Tensor input, Tensor weight)'], (a) => E.prelu(a.tensor('input'), a.tensor('weight')));

// ---- Python functions of torch/nn/functional.py --------------------------------------------------

const act = (name: string, f: (t: Tensor) => Tensor, fi?: (t: Tensor) => Tensor): void =>
  pyFn(`${name}(input, inplace=False)`, ([x, inplace]) => (truth(inplace) && fi ? fi(tensorArg(x, name, 'input')) : f(tensorArg(x, name, 'input'))));
act('relu', E.relu, E.relu_);
act('silu', E.silu, E.silu_);
act('mish', E.mish, E.mish_);
act('hardswish', E.hardswish, E.hardswish_);
act('hardsigmoid', E.hardsigmoid, E.hardsigmoid_);
act('relu6', (t) => E.relu6(t), (t) => E.relu6(t, true));
act('selu', (t) => E.selu(t), (t) => E.selu(t, true));
pyFn('sigmoid(input)', ([x]) => E.sigmoid(tensorArg(x, 'sigmoid', 'input')));
pyFn('tanh(input)', ([x]) => E.tanh(tensorArg(x, 'tanh', 'input')));
pyFn('logsigmoid(input)', ([x]) => E.logsigmoid(tensorArg(x, 'logsigmoid', 'input')));
pyFn('leaky_relu(input, negative_slope=0.01, inplace=False)', ([x, s, ip]) => E.leakyRelu(tensorArg(x, 'leaky_relu', 'input'), scal(s), truth(ip)));
pyFn('elu(input, alpha=1.0, inplace=False)', ([x, al, ip]) => E.elu(tensorArg(x, 'elu', 'input'), scal(al), truth(ip)));
pyFn('celu(input, alpha=1.0, inplace=False)', ([x, al]) => E.celu(tensorArg(x, 'celu', 'input'), scal(al)));
pyFn('softplus(input, beta=1.0, threshold=20.0)', ([x, b, th]) => E.softplus(tensorArg(x, 'softplus', 'input'), scal(b), scal(th)));
pyFn('hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False)', ([x, lo, hi, ip]) => E.hardtanh(tensorArg(x, 'hardtanh', 'input'), scal(lo), scal(hi), truth(ip)));

for (const [name, f] of [['softmax', E.softmax], ['log_softmax', E.logSoftmax]] as const) {
  pyFn(`${name}(input, dim=None, _stacklevel=3, dtype=None)`, ([x, dim, , dtype]) => {
    const t = tensorArg(x, name, 'input');
    const d = dim === null ? E.implicitSoftmaxDim(name, t.ndim) : Number(dim);
    return f(t, d, dtype === null ? null : toEngineDtype(dtype));
  });
}
pyFn('softmin(input, dim=None, _stacklevel=3, dtype=None)', ([x, dim, , dtype]) => {
  const t = tensorArg(x, 'softmin', 'input');
  const d = dim === null ? E.implicitSoftmaxDim('softmin', t.ndim) : Number(dim);
  return E.softmax(E.neg(t), d, dtype === null ? null : toEngineDtype(dtype));
});
pyFn('dropout(input, p=0.5, training=True, inplace=False)', ([x, p, training, inplace]) =>
  E.nnDropout(tensorArg(x, 'dropout', 'input'), num(p), { training: truth(training), inplace: truth(inplace), generator: defaultGeneratorObject.gen }));
for (const d of [1, 2, 3] as const) {
  pyFn(`dropout${d}d(input, p=0.5, training=True, inplace=False)`, ([x, p, training, inplace]) =>
    featureDropout(tensorArg(x, `dropout${d}d`, 'input'), num(p), d, { training: truth(training), inplace: truth(inplace), generator: defaultGeneratorObject.gen }));
}
pyFn('alpha_dropout(input, p=0.5, training=False, inplace=False)', ([x, p, training, inplace]) =>
  alphaDropout(tensorArg(x, 'alpha_dropout', 'input'), num(p), { training: truth(training), inplace: truth(inplace), generator: defaultGeneratorObject.gen }));
pyFn('feature_alpha_dropout(input, p=0.5, training=False, inplace=False)', ([x, p, training, inplace]) =>
  featureAlphaDropout(tensorArg(x, 'feature_alpha_dropout', 'input'), num(p), { training: truth(training), inplace: truth(inplace), generator: defaultGeneratorObject.gen }));
pyFn('layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05)', ([x, shape, w, b, eps]) => {
  const s = ints(shape);
  return E.layerNorm(tensorArg(x, 'layer_norm', 'input'), typeof s === 'number' ? [s] : s, optT(w), optT(b), num(eps));
});
pyFn('group_norm(input, num_groups, weight=None, bias=None, eps=1e-05)', ([x, g, w, b, eps]) =>
  E.groupNorm(tensorArg(x, 'group_norm', 'input'), Number(g), optT(w), optT(b), num(eps)));
pyFn('batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-05)', ([x, rm, rv, w, b, tr, mom, eps]) =>
  E.batchNorm(tensorArg(x, 'batch_norm', 'input'), optT(rm), optT(rv), optT(w), optT(b), { training: truth(tr), momentum: num(mom), eps: num(eps) }));
pyFn('embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False)', ([x, w, pad, mn, nt, sg, sp]) =>
  E.embedding(tensorArg(x, 'embedding', 'input'), tensorArg(w, 'embedding', 'weight'), {
    paddingIdx: pad === null ? null : Number(pad), maxNorm: mn === null ? null : num(mn), normType: num(nt), scaleGradByFreq: truth(sg), sparse: truth(sp),
  }));
const reduction = (r: PyValue): string => String(r);
pyFn('mse_loss(input, target, size_average=None, reduce=None, reduction="mean")', ([x, y, , , r]) => E.mseLoss(tensorArg(x, 'mse_loss', 'input'), tensorArg(y, 'mse_loss', 'target'), reduction(r)));
pyFn('l1_loss(input, target, size_average=None, reduce=None, reduction="mean")', ([x, y, , , r]) => E.l1Loss(tensorArg(x, 'l1_loss', 'input'), tensorArg(y, 'l1_loss', 'target'), reduction(r)));
pyFn('smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0)', ([x, y, , , r, b]) => E.smoothL1Loss(x as Tensor, y as Tensor, reduction(r), num(b)));
pyFn('huber_loss(input, target, reduction="mean", delta=1.0)', ([x, y, r, d]) => E.huberLoss(x as Tensor, y as Tensor, reduction(r), num(d)));
pyFn('binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean")', ([x, y, w, , , r]) => E.binaryCrossEntropy(x as Tensor, y as Tensor, optT(w), reduction(r)));
pyFn('binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None)', ([x, y, w, , , r, pw]) =>
  E.binaryCrossEntropyWithLogits(x as Tensor, y as Tensor, optT(w), reduction(r), optT(pw)));
pyFn('kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False)', ([x, y, , , r, lt]) => E.klDiv(x as Tensor, y as Tensor, reduction(r), truth(lt)));
pyFn('nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean")', ([x, y, w, , ii, , r]) =>
  E.nllLoss(x as Tensor, y as Tensor, { weight: optT(w), ignoreIndex: Number(ii), reduction: reduction(r) }));
pyFn('cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean", label_smoothing=0.0)', ([x, y, w, , ii, , r, ls]) =>
  E.crossEntropy(x as Tensor, y as Tensor, { weight: optT(w), ignoreIndex: Number(ii), reduction: reduction(r), labelSmoothing: num(ls) }));
pyFn('normalize(input, p=2.0, dim=1, eps=1e-12, out=None)', ([x, p, dim, eps]) => {
  const t = tensorArg(x, 'normalize', 'input');
  const n = E.norm(t, num(p), Number(dim), true);
  return E.div(t, E.expandAs(E.clampMin(n, new PyFloat(num(eps))), t));
});

// ---- pooling: nn/functional_pool.ts holds F's Python-level rules (layers call the same) ----------

for (const [sig, f] of POOL_FUNCTIONALS) pyFn(sig, f);

// ---- interpolate and the deprecated upsample*: nn/functional_upsample.ts (nn.Upsample calls the same) ----

for (const [sig, f] of UPSAMPLE_FUNCTIONALS) pyFn(sig, f);

// ---- more nn/ counterparts: instance_norm, bilinear, in-place activations --------------------

pyFn('instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True, momentum=0.1, eps=1e-05)',
  ([x, rm, rv, w, b, use, mom, eps]) => instanceNorm(tensorArg(x, 'instance_norm', 'input'), optT(rm), optT(rv), optT(w), optT(b), truth(use), num(mom), num(eps)));
cFn('bilinear', ['bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None)'], (a) =>
  E.bilinear(a.tensor('input1'), a.tensor('input2'), a.tensor('weight'), a.optTensor('bias')));
pyFn('relu_(input)', ([x]) => E.relu_(tensorArg(x, 'relu_', 'input')));
pyFn('elu_(input, alpha=1.0)', ([x, al]) => E.elu(tensorArg(x, 'elu_', 'input'), scal(al), true));
pyFn('leaky_relu_(input, negative_slope=0.01)', ([x, s]) => E.leakyRelu(tensorArg(x, 'leaky_relu_', 'input'), scal(s), true));
pyFn('hardtanh_(input, min_val=-1.0, max_val=1.0)', ([x, lo, hi]) => E.hardtanh(tensorArg(x, 'hardtanh_', 'input'), scal(lo), scal(hi), true));

/** The attributes of the `torch.nn.functional` module. */
export function functionalEntries(): Map<string, PyValue> {
  const m = new Map(F);
  for (const [k, v] of functionalMoreEntries()) if (!m.has(k)) m.set(k, v);
  return m;
}
