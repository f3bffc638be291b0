// Default initialisation of the nn layers that draw random numbers at construction, as pure
// functions: generator + constructor arguments in, parameter arrays and shapes out, drawing in
// exactly torch's order (RNG.md §6). A model's draws happen in the order its sub-modules are
// constructed; layers not listed here (LayerNorm, BatchNorm*, GroupNorm, activations, Dropout,
// Flatten, ...) draw nothing. nn/ copies these arrays into the Parameters it creates.
//
// Draw order per layer (every draw comes from the one generator passed in):
//   Linear(in, out)              weight (out,in) kaiming_uniform_(a=√5), then bias (out) U(±1/√in)
//   ConvNd(in, out, k, groups)   weight (out, in/groups, *k) as Linear, then bias U(±1/√fan_in)
//   ConvTransposeNd              weight (in, out/groups, *k), fan_in = out/groups·∏k; else as Conv
//   Embedding(n, d, pad)         weight normal_(0,1) on n·d values, then row `pad` zeroed
//   Bilinear(in1, in2, out)      weight (out,in1,in2) U(±1/√in1), then bias (out) U(±1/√in1)
//   RNN/LSTM/GRU                 every parameter U(±1/√H) in parameters() order (see initRNN)
//   MultiheadAttention(E, h)     out_proj Linear(E,E) first (weight, bias), then in_proj_weight
//                                (or q/k/v_proj_weight) xavier_uniform_, then bias_k, bias_v
//                                xavier_normal_; in_proj_bias and out_proj.bias are then zeroed
//   TransformerEncoderLayer      self_attn (MHA), linear1 (E→F), linear2 (F→E); norms draw nothing
//   TransformerDecoderLayer      self_attn, multihead_attn, linear1, linear2

import { PyError } from '../../errors';
import type { Generator } from './generator';
import { calculateFanInAndFanOut, kaimingUniform_, xavierNormal_, xavierUniform_ } from './init';
import { normal_ } from './normal';
import { uniform_, type FloatArray } from './uniform';

export type InitDType = 'float32' | 'float64';

/** One initialised parameter: flat row-major values and the shape they fill. */
export interface InitParam {
  data: FloatArray;
  shape: number[];
}

const alloc = (d: InitDType, n: number): FloatArray => (d === 'float32' ? new Float32Array(n) : new Float64Array(n));
const numel = (s: readonly number[]) => s.reduce((p, v) => p * v, 1);

function param(dtype: InitDType, shape: number[]): InitParam {
  return { data: alloc(dtype, numel(shape)), shape };
}

/** 1/sqrt(fan_in), or 0 when fan_in is 0 (torch skips nothing but uses bound 0). */
const biasBound = (fanIn: number) => (fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0);

/** nn.Linear(in, out, bias) default init: weight, then bias. */
export function initLinear(
  gen: Generator,
  inFeatures: number,
  outFeatures: number,
  bias = true,
  dtype: InitDType = 'float32',
): { weight: InitParam; bias: InitParam | null } {
  const weight = param(dtype, [outFeatures, inFeatures]);
  kaimingUniform_(gen, dtype, weight.data, weight.shape, { a: Math.sqrt(5) });
  let b: InitParam | null = null;
  if (bias) {
    b = param(dtype, [outFeatures]);
    const bound = biasBound(inFeatures);
    uniform_(gen, dtype, b.data, -bound, bound);
  }
  return { weight, bias: b };
}

/** nn.ConvNd / ConvTransposeNd default init. `kernel` is the full kernel size tuple. */
export function initConv(
  gen: Generator,
  inChannels: number,
  outChannels: number,
  kernel: readonly number[],
  groups = 1,
  bias = true,
  transposed = false,
  dtype: InitDType = 'float32',
): { weight: InitParam; bias: InitParam | null } {
  const shape = transposed
    ? [inChannels, Math.floor(outChannels / groups), ...kernel]
    : [outChannels, Math.floor(inChannels / groups), ...kernel];
  const weight = param(dtype, shape);
  kaimingUniform_(gen, dtype, weight.data, shape, { a: Math.sqrt(5) });
  let b: InitParam | null = null;
  if (bias) {
    b = param(dtype, [outChannels]);
    const [fanIn] = calculateFanInAndFanOut(shape);
    // torch only draws the bias when fan_in != 0; otherwise it stays uninitialised (zeros here).
    if (fanIn !== 0) uniform_(gen, dtype, b.data, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn));
  }
  return { weight, bias: b };
}

/** nn.Embedding(n, d, padding_idx) default init (padding_idx may be negative). */
export function initEmbedding(
  gen: Generator,
  numEmbeddings: number,
  embeddingDim: number,
  paddingIdx: number | null = null,
  dtype: InitDType = 'float32',
): InitParam {
  let pad = paddingIdx;
  if (pad !== null) {
    // torch.nn.Embedding's own argument checks, before anything is drawn.
    if (pad > 0 && pad >= numEmbeddings) throw new PyError('AssertionError', 'Padding_idx must be within num_embeddings');
    if (pad < 0 && pad < -numEmbeddings) throw new PyError('AssertionError', 'Padding_idx must be within num_embeddings');
    if (pad < 0) pad += numEmbeddings;
  }
  const w = param(dtype, [numEmbeddings, embeddingDim]);
  normal_(gen, dtype, w.data, 0, 1);
  if (pad !== null) w.data.fill(0, pad * embeddingDim, (pad + 1) * embeddingDim);
  return w;
}

/** nn.Bilinear(in1, in2, out, bias) default init. */
export function initBilinear(
  gen: Generator,
  in1: number,
  in2: number,
  out: number,
  bias = true,
  dtype: InitDType = 'float32',
): { weight: InitParam; bias: InitParam | null } {
  const bound = 1 / Math.sqrt(in1);
  const weight = param(dtype, [out, in1, in2]);
  uniform_(gen, dtype, weight.data, -bound, bound);
  let b: InitParam | null = null;
  if (bias) {
    b = param(dtype, [out]);
    uniform_(gen, dtype, b.data, -bound, bound);
  }
  return { weight, bias: b };
}

export type RNNMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

export interface RNNOptions {
  numLayers?: number;
  bias?: boolean;
  bidirectional?: boolean;
  projSize?: number;
  dtype?: InitDType;
}

/** nn.RNN/LSTM/GRU default init: every parameter U(±1/√H), in parameters() order — per layer,
 * per direction (forward, then `_reverse`): weight_ih, weight_hh, bias_ih, bias_hh, weight_hr. */
export function initRNN(
  gen: Generator,
  mode: RNNMode,
  inputSize: number,
  hiddenSize: number,
  opts: RNNOptions = {},
): { name: string; param: InitParam }[] {
  const { numLayers = 1, bias = true, bidirectional = false, projSize = 0, dtype = 'float32' } = opts;
  const gate = mode === 'LSTM' ? 4 : mode === 'GRU' ? 3 : 1;
  const stdv = hiddenSize > 0 ? 1 / Math.sqrt(hiddenSize) : 0;
  const realH = projSize > 0 ? projSize : hiddenSize;
  const dirs = bidirectional ? 2 : 1;
  const out: { name: string; param: InitParam }[] = [];
  for (let layer = 0; layer < numLayers; layer++) {
    for (let d = 0; d < dirs; d++) {
      const inSz = layer === 0 ? inputSize : realH * dirs;
      const sfx = `_l${layer}${d === 1 ? '_reverse' : ''}`;
      const shapes: [string, number[]][] = [
        [`weight_ih${sfx}`, [gate * hiddenSize, inSz]],
        [`weight_hh${sfx}`, [gate * hiddenSize, realH]],
      ];
      if (bias) shapes.push([`bias_ih${sfx}`, [gate * hiddenSize]], [`bias_hh${sfx}`, [gate * hiddenSize]]);
      if (projSize > 0) shapes.push([`weight_hr${sfx}`, [projSize, hiddenSize]]);
      for (const [name, shape] of shapes) out.push({ name, param: param(dtype, shape) });
    }
  }
  // reset_parameters runs after all parameters exist, over self.parameters() in that order.
  for (const p of out) uniform_(gen, dtype, p.param.data, -stdv, stdv);
  return out;
}

export interface MHAOptions {
  bias?: boolean;
  addBiasKV?: boolean;
  kdim?: number;
  vdim?: number;
  dtype?: InitDType;
}

/** nn.MultiheadAttention(E, heads) default init. Returns parameters by their torch names;
 * q/k/v_proj_weight replace in_proj_weight when kdim or vdim differs from E. */
export function initMultiheadAttention(
  gen: Generator,
  embedDim: number,
  opts: MHAOptions = {},
): Record<string, InitParam | null> {
  const { bias = true, addBiasKV = false, dtype = 'float32' } = opts;
  const kdim = opts.kdim ?? embedDim;
  const vdim = opts.vdim ?? embedDim;
  const sameDim = kdim === embedDim && vdim === embedDim;
  // __init__ creates the weights (no draws), then out_proj = Linear(E, E) initialises itself.
  const outProj = initLinear(gen, embedDim, embedDim, bias, dtype);
  const res: Record<string, InitParam | null> = {};
  if (sameDim) {
    const w = param(dtype, [3 * embedDim, embedDim]);
    xavierUniform_(gen, dtype, w.data, w.shape);
    res['in_proj_weight'] = w;
  } else {
    for (const [name, d] of [
      ['q_proj_weight', embedDim],
      ['k_proj_weight', kdim],
      ['v_proj_weight', vdim],
    ] as const) {
      const w = param(dtype, [embedDim, d]);
      xavierUniform_(gen, dtype, w.data, w.shape);
      res[name] = w;
    }
  }
  res['in_proj_bias'] = bias ? param(dtype, [3 * embedDim]) : null; // zeros
  if (addBiasKV) {
    for (const name of ['bias_k', 'bias_v']) {
      const b = param(dtype, [1, 1, embedDim]);
      xavierNormal_(gen, dtype, b.data, b.shape);
      res[name] = b;
    }
  }
  res['out_proj.weight'] = outProj.weight;
  if (outProj.bias) outProj.bias.data.fill(0);
  res['out_proj.bias'] = outProj.bias;
  return res;
}
