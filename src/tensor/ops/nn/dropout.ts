// F.dropout / dropout1d / dropout2d / dropout3d / alpha_dropout on Tensors, drawing masks from the
// torch-parity generator (../../random/bernoulli.ts: bit-exact with PyTorch for a given seed,
// RNG.md §5). p == 0, eval mode or an empty input return the input object itself (no draw, no
// node); p == 1 is input·0 (MulBackward0, no draw). The result records MulBackward0 (alpha
// dropout: AddBackward0, its last op being `+ b`), or the in-place form with inplace=True.

import { PyError } from '../../../errors';
import { checkInplace, needsGrad, recordInplace, recordOp } from '../../grad';
import { alphaDropoutNoise, checkDropoutP, dropoutNoise } from '../../random/bernoulli';
import { genOrDefault, type Generator } from '../../random/generator';
import { Tensor } from '../../tensor';
import { contiguous, squeeze, unsqueeze } from '../views';
import { floatValues, type FloatArr } from './rows';
import { emitNnWarning } from './warnings';

export interface DropoutOptions {
  training?: boolean;
  inplace?: boolean;
  generator?: Generator | null;
}

type Kind = 'dropout' | 'feature' | 'alpha' | 'feature_alpha';

function floatDtype(t: Tensor): 'float32' | 'float64' {
  if (t.dtype === 'float64') return 'float64';
  if (t.dtype === 'float32' || t.dtype === 'float16' || t.dtype === 'bfloat16') return 'float32';
  throw new PyError('RuntimeError', `result type Float can't be cast to the desired output type ${t.dtype}`);
}

function dropoutImpl(input: Tensor, p: number, kind: Kind, planes: number, opts: DropoutOptions): Tensor {
  checkDropoutP(p);
  const training = opts.training ?? true;
  if (p === 0 || !training || input.numel() === 0) return input;
  const dtype = floatDtype(input);
  const n = input.numel();
  const per = kind === 'feature' || kind === 'feature_alpha' ? n / planes : 1;
  let noise: FloatArr | null = null;
  let shift: FloatArr | null = null;
  if (p !== 1) {
    const gen = genOrDefault(opts.generator);
    if (kind === 'alpha' || kind === 'feature_alpha') {
      const r = alphaDropoutNoise(gen, dtype, per === 1 ? n : planes, p);
      noise = r.noise;
      shift = r.b;
    } else noise = dropoutNoise(gen, dtype, per === 1 ? n : planes, p);
  }
  const x = floatValues(contiguous(input));
  const inplace = opts.inplace ?? false;
  if (inplace) checkInplace(input);
  const out = inplace ? input : Tensor.empty(input.shape, input.dtype, input.device);
  const vals = new Float64Array(n);
  const f = dtype === 'float32' ? Math.fround : (v: number) => v;
  for (let k = 0; k < n; k++) {
    const q = per === 1 ? k : Math.floor(k / per);
    vals[k] = noise === null ? x[k] * 0 : shift === null ? x[k] * noise[q] : f(f(x[k] * noise[q]) + shift[q]);
  }
  writeValues(out, vals);
  if (inplace) out.bumpVersion();
  // the mask becomes a tensor only when a graph will hold it (no_grad / eval inputs skip this)
  if (needsGrad([input])) {
    const planesOf = per === 1 ? null : planes;
    recordDropout(input, out, inplace, noiseTensor(input, noise, planesOf, dtype), shift === null ? null : noiseTensor(input, shift, planesOf, dtype));
  }
  return out;
}

/**
 * The mask as the tensor PyTorch multiplies by: the input's shape (or [N, C, 1, …] for a
 * per-channel mask), zeros for p = 1.
 */
function noiseTensor(input: Tensor, noise: FloatArr | null, planes: number | null, dtype: 'float32' | 'float64'): Tensor {
  // a per-channel mask covers the leading dims whose sizes multiply to `planes`
  let lead = input.ndim;
  if (planes !== null) {
    let prod = 1;
    lead = 0;
    while (lead < input.ndim && prod !== planes) prod *= input.shape[lead++];
  }
  const shape = input.shape.map((d, i) => (i < lead ? d : 1));
  const n = shape.reduce((a, b) => a * b, 1);
  const t = Tensor.empty(shape, dtype, input.device);
  const d = t.storage.data as FloatArr;
  for (let k = 0; k < n; k++) d[k] = noise === null ? 0 : noise[k];
  return t;
}

/**
 * The history PyTorch's CPU dropout leaves: `input * noise` (MulBackward0, the mask saved as the
 * other operand, so backward is grad · noise); alpha dropout adds `+ b` on top (AddBackward0 after
 * the MulBackward0). In place: the same nodes recorded on the input.
 */
function recordDropout(input: Tensor, out: Tensor, inplace: boolean, noise: Tensor, shift: Tensor | null): void {
  if (inplace) {
    recordInplace('MulBackward0', out, [noise])?.save(out, noise);
    if (shift !== null) recordInplace('AddBackward0', out, [shift]);
    return;
  }
  if (shift === null) {
    recordOp('MulBackward0', [input, noise], [out])?.save(input, noise);
    return;
  }
  // the product is a tensor of its own in PyTorch; only its history matters here
  const prod = Tensor.empty(out.shape, out.dtype, out.device);
  recordOp('MulBackward0', [input, noise], [prod])?.save(input, noise);
  recordOp('AddBackward0', [prod, shift], [out]);
}

/** Write row-major values into t's (possibly strided) layout. */
function writeValues(t: Tensor, vals: Float64Array): void {
  const d = t.storage.data as FloatArr;
  if (t.isContiguous()) {
    d.set(vals, t.offset);
    return;
  }
  const idx = new Array<number>(t.ndim).fill(0);
  for (let k = 0; k < vals.length; k++) {
    let off = t.offset;
    for (let i = 0; i < t.ndim; i++) off += idx[i] * t.strides[i];
    d[off] = vals[k];
    for (let i = t.ndim - 1; i >= 0; i--) {
      if (++idx[i] < t.shape[i]) break;
      idx[i] = 0;
    }
  }
}

/** F.dropout(input, p=0.5, training=True, inplace=False). */
export function dropout(input: Tensor, p = 0.5, opts: DropoutOptions = {}): Tensor {
  return dropoutImpl(input, p, 'dropout', 0, opts);
}

/** F.alpha_dropout(input, p=0.5, training=False, inplace=False) — note the False default. */
export function alphaDropout(input: Tensor, p = 0.5, opts: DropoutOptions = {}): Tensor {
  return dropoutImpl(input, p, 'alpha', 0, { training: false, ...opts });
}

/**
 * F.dropout1d/2d/3d: one mask value per (N, C) plane (ATen's feature_dropout), with the
 * Python-level shape rules of torch.nn.functional: dropout1d and dropout3d treat an input one dim
 * short as unbatched (unsqueeze(0) … squeeze(0), so SqueezeBackward1); dropout2d never
 * unsqueezes — a 3-d input is read as (N, C, L) with a warning, other ranks warn as deprecated.
 */
export function featureDropout(input: Tensor, p: number, spatialDims: 1 | 2 | 3, opts: DropoutOptions = {}): Tensor {
  const name = `dropout${spatialDims}d`;
  const batched = spatialDims + 2;
  const nd = input.ndim;
  const plural = spatialDims > 1 ? 's' : '';
  const note = `Note that ${name} exists to provide channel-wise dropout on inputs with ${spatialDims} spatial dimension${plural}, a channel dimension, and an optional batch dimension (i.e. ${batched - 1}D or ${batched}D inputs).`;
  if (spatialDims === 1 && nd !== 2 && nd !== 3)
    throw new PyError('RuntimeError', `dropout1d: Expected 2D or 3D input, but received a ${nd}D input. ${note}`);
  if (spatialDims !== 1 && nd !== batched && nd !== batched - 1)
    emitNnWarning(
      'UserWarning',
      `${name}: Received a ${nd}-D input to ${name}, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. ${note}`,
    );
  if (spatialDims === 2 && nd === 3)
    emitNnWarning(
      'UserWarning',
      'dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.',
    );
  const unbatched = spatialDims !== 2 && nd === batched - 1;
  const x = unbatched ? unsqueeze(input, 0) : input;
  if (x.ndim < 2) throw new PyError('RuntimeError', 'Feature dropout requires at least 2 dimensions in the input');
  const out = dropoutImpl(x, p, 'feature', x.shape[0] * x.shape[1], opts);
  return unbatched ? squeeze(out, 0) : out;
}

/** F.feature_alpha_dropout(input, p=0.5, training=False). */
export function featureAlphaDropout(input: Tensor, p = 0.5, opts: DropoutOptions = {}): Tensor {
  return dropoutImpl(input, p, 'feature_alpha', input.shape[0] * (input.shape[1] ?? 1), { training: false, ...opts });
}
