// torch.nn.init: in-place initialisers over engine tensors, drawing from the torch-parity RNG
// (tensor/random/init.ts does the arithmetic and the draws). Each fills a contiguous scratch array
// in row-major order and scatters it into the tensor (views included), bumps its version, and
// returns the tensor, as PyTorch's `with torch.no_grad(): tensor.uniform_(...)` does.

import { typeError, valueError } from '../../../errors';
import { Tensor } from '../../../tensor/tensor';
import { scatterStrided } from '../../../tensor/cpu/strided';
import {
  calculateGain, defaultGenerator, initNormal_, initUniform_, kaimingNormal_, kaimingUniform_, sparse_, truncNormal_,
  xavierNormal_, xavierUniform_, type FloatArray, type Generator,
} from '../../../tensor/random';
import { PyBuiltinFunction, PyFloat, type KwArgs, type PyValue } from '../../object';
import { withNoGrad } from '../../../tensor/grad';
import { mul, mul_ } from '../../../tensor/ops/arith';
import { qr } from '../../../tensor/ops/linalg/decomp';
import { sign } from '../../../tensor/ops/unary';
import { contiguous, diagonal, transpose } from '../../../tensor/ops/views';
import { binder } from '../args';

const num = (v: PyValue, what = 'value'): number => {
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`${what} must be a real number`);
};

function target(v: PyValue, fn: string): Tensor {
  if (v instanceof Tensor) return v;
  throw typeError(`${fn}(): argument 'tensor' must be Tensor`);
}

function genOf(v: PyValue): Generator {
  return (v as Generator | null) ?? defaultGenerator;
}

/** Run a filler on a contiguous scratch array of t's dtype, then write it into t. */
function fillWith(t: Tensor, f: (out: FloatArray) => void): Tensor {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw typeError(`nn.init on ${t.dtype} tensors is not supported`);
  const out: FloatArray = t.dtype === 'float32' ? new Float32Array(t.numel()) : new Float64Array(t.numel());
  f(out);
  scatterStrided(out, 0, t.storage.data, t.offset, t.shape, t.strides);
  t.bumpVersion();
  return t;
}

/** nn.init.orthogonal_: normal_(0, 1) on a (rows, numel/rows) scratch matrix (transposed when
 * rows < cols), Q of its QR times sign(diag(R)), copied in (one write), then `mul_(gain)` (another). */
function orthogonal_(t: Tensor, gain: number, gen: Generator): Tensor {
  if (t.ndim < 2) throw valueError('Only tensors with 2 or more dimensions are supported');
  if (t.numel() === 0) return t;
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw typeError(`nn.init on ${t.dtype} tensors is not supported`);
  const rows = t.shape[0];
  const cols = t.numel() / rows;
  const flat: FloatArray = t.dtype === 'float32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  initNormal_(gen, t.dtype, flat, 0, 1);
  withNoGrad(() => {
    let m = Tensor.fromArray(flat, [rows, cols], t.dtype);
    if (rows < cols) m = contiguous(transpose(m, 0, 1));
    const [q0, r] = qr(m);
    let q = mul(q0, sign(diagonal(r, 0, 0, 1)));
    if (rows < cols) q = transpose(q, 0, 1);
    const qc = contiguous(q).dataSync() as FloatArray;
    scatterStrided(qc, 0, t.storage.data, t.offset, t.shape, t.strides);
    t.bumpVersion();
    mul_(t, gain);
  });
  return t;
}

const defs: [string, (v: PyValue[]) => PyValue][] = [
  ['uniform_(tensor, a=0.0, b=1.0, generator=None)', (v) => {
    const t = target(v[0], 'uniform_');
    return fillWith(t, (o) => initUniform_(genOf(v[3]), t.dtype, o, num(v[1]), num(v[2])));
  }],
  ['normal_(tensor, mean=0.0, std=1.0, generator=None)', (v) => {
    const t = target(v[0], 'normal_');
    return fillWith(t, (o) => initNormal_(genOf(v[3]), t.dtype, o, num(v[1]), num(v[2])));
  }],
  ['trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None)', (v) => {
    const t = target(v[0], 'trunc_normal_');
    return fillWith(t, (o) => truncNormal_(genOf(v[5]), t.dtype, o, num(v[1]), num(v[2]), num(v[3]), num(v[4])));
  }],
  ['constant_(tensor, val)', (v) => {
    const t = target(v[0], 'constant_');
    return fillWith(t, (o) => o.fill(num(v[1])));
  }],
  ['ones_(tensor)', (v) => fillWith(target(v[0], 'ones_'), (o) => o.fill(1))],
  ['zeros_(tensor)', (v) => fillWith(target(v[0], 'zeros_'), (o) => o.fill(0))],
  ['eye_(tensor)', (v) => {
    const t = target(v[0], 'eye_');
    if (t.ndim !== 2) throw valueError('Only tensors with 2 dimensions are supported');
    const [r, c] = t.shape;
    return fillWith(t, (o) => {
      o.fill(0);
      for (let i = 0; i < Math.min(r, c); i++) o[i * c + i] = 1;
    });
  }],
  ['xavier_uniform_(tensor, gain=1.0, generator=None)', (v) => {
    const t = target(v[0], 'xavier_uniform_');
    return fillWith(t, (o) => xavierUniform_(genOf(v[2]), t.dtype, o, t.shape, num(v[1])));
  }],
  ['xavier_normal_(tensor, gain=1.0, generator=None)', (v) => {
    const t = target(v[0], 'xavier_normal_');
    return fillWith(t, (o) => xavierNormal_(genOf(v[2]), t.dtype, o, t.shape, num(v[1])));
  }],
  ["kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None)", (v) => {
    const t = target(v[0], 'kaiming_uniform_');
    return fillWith(t, (o) => kaimingUniform_(genOf(v[4]), t.dtype, o, t.shape, { a: num(v[1]), mode: v[2] as string, nonlinearity: v[3] as string }));
  }],
  ["kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None)", (v) => {
    const t = target(v[0], 'kaiming_normal_');
    return fillWith(t, (o) => kaimingNormal_(genOf(v[4]), t.dtype, o, t.shape, { a: num(v[1]), mode: v[2] as string, nonlinearity: v[3] as string }));
  }],
  ['sparse_(tensor, sparsity, std=0.01, generator=None)', (v) => {
    const t = target(v[0], 'sparse_');
    return fillWith(t, (o) => sparse_(genOf(v[3]), t.dtype, o, t.shape, num(v[1]), num(v[2]), defaultGenerator));
  }],
  ['orthogonal_(tensor, gain=1, generator=None)', (v) => orthogonal_(target(v[0], 'orthogonal_'), num(v[1]), genOf(v[2]))],
  ['calculate_gain(nonlinearity, param=None)', (v) => {
    const p = v[1];
    const g = calculateGain(v[0] as string, p instanceof PyFloat ? p.v : (p as number | null));
    // PyTorch returns the int 1 for linear/conv*/sigmoid, floats otherwise.
    return ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid'].includes(v[0] as string)
      ? 1
      : new PyFloat(g);
  }],
];

/** The functions of the torch.nn.init module, by name. */
export function initFunctions(): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  for (const [sig, fn] of defs) {
    const bind = binder(sig);
    const name = sig.slice(0, sig.indexOf('('));
    out.set(name, new PyBuiltinFunction(name, (args: PyValue[], kwargs: KwArgs) => fn(bind(args, kwargs).values), name));
  }
  return out;
}
