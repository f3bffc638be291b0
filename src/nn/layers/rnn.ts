// nn.RNN, nn.LSTM, nn.GRU (torch.nn.modules.rnn). Parameters are registered per layer and
// direction in PyTorch's order (weight_ih, weight_hh, bias_ih, bias_hh, weight_hr) and all drawn by
// reset_parameters from U(±1/√H) (tensor/random/layers.ts initRNN, RNG.md §6). The forward is
// ATen's CPU recipe written with engine ops, so autograd works through it and the results carry
// PyTorch's grad_fns: per layer the input projection for all steps at once (linear_ih), then per
// step `linear_hh(h) + projected input` and the cell's gates; step outputs stacked
// (StackBackward0), directions concatenated, inter-layer dropout in training, final states
// stacked; batch_first transposes in and out (TransposeBackward0), an unbatched input is
// unsqueezed and squeezed back. Weights are read through getattr, so functional_call overrides
// apply. A PackedSequence input takes the packed recurrence of rnn_packed.ts.

import { PyError, valueError } from '../../errors';
import { PyList, PyTuple, type PyValue, callMethod } from '../../python/object';
import { defaultGenerator, initRNN } from '../../tensor/random';
import { add, mul, sub } from '../../tensor/ops/arith';
import { zeros } from '../../tensor/ops/creation';
import { cat, stack } from '../../tensor/ops/join';
import { linear } from '../../tensor/ops/linalg/matmul';
import { dropout } from '../../tensor/ops/nn/dropout';
import { relu, sigmoid, tanh } from '../../tensor/ops/unary';
import { narrow, select, squeeze, transpose, unsqueeze } from '../../tensor/ops/views';
import { Tensor } from '../../tensor/tensor';
import { engineWarnOnce, internally } from '../../tensor/warnings';
import type { Module } from '../module';
import { isPackedSequence } from '../packed_sequence';
import { packedForward } from './rnn_packed';
import { protocols } from '../pyproto';
import { asFloat, asInt, attr, defineMethod, factoryDtype, fill, fmt, initDtype, layerType, newParameter, tensorArg, tensorAttr, truthy } from './common';

export type Mode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';
const gates = (mode: Mode): number => (mode === 'LSTM' ? 4 : mode === 'GRU' ? 3 : 1);

/** Parameter names of (layer, direction), in registration order. */
function names(layer: number, dir: number, bias: boolean, proj: boolean): string[] {
  const s = `_l${layer}${dir === 1 ? '_reverse' : ''}`;
  const out = [`weight_ih${s}`, `weight_hh${s}`];
  if (bias) out.push(`bias_ih${s}`, `bias_hh${s}`);
  if (proj) out.push(`weight_hr${s}`);
  return out;
}

async function initRnnBase(self: Module, mode: Mode, v: {
  input: PyValue; hidden: PyValue; layers: PyValue; bias: PyValue; batchFirst: PyValue; dropout: PyValue; bidir: PyValue; proj: PyValue; dtype: PyValue;
}): Promise<void> {
  self.init();
  const inputSize = asInt(v.input, 'input_size');
  const hidden = asInt(v.hidden, 'hidden_size');
  const layers = asInt(v.layers, 'num_layers');
  const proj = asInt(v.proj, 'proj_size');
  const p = asFloat(v.dropout);
  if (p < 0 || p > 1 || typeof v.dropout === 'boolean') {
    throw valueError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
  }
  if (hidden <= 0) throw valueError('hidden_size must be greater than zero');
  if (layers <= 0) throw valueError('num_layers must be greater than zero');
  if (proj < 0) throw valueError('proj_size should be a positive integer or zero to disable projections');
  if (proj >= hidden) throw valueError('proj_size has to be smaller than hidden_size');
  if (mode !== 'LSTM' && proj !== 0) throw valueError('proj_size argument is only supported for LSTM, not RNN or GRU');
  if (p > 0 && layers === 1) {
    await protocols.warn(
      'UserWarning',
      `dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${fmt(v.dropout)} and num_layers=${layers}`,
    );
  }
  const d = self.dict!;
  d.set('mode', mode);
  d.set('input_size', v.input);
  d.set('hidden_size', v.hidden);
  d.set('num_layers', v.layers);
  d.set('bias', v.bias);
  d.set('batch_first', v.batchFirst);
  d.set('dropout', v.dropout);
  d.set('bidirectional', v.bidir);
  d.set('proj_size', v.proj);
  const dirs = truthy(v.bidir) ? 2 : 1;
  const realH = proj > 0 ? proj : hidden;
  const dtype = factoryDtype(v.dtype);
  const flat: string[] = [];
  for (let l = 0; l < layers; l++)
    for (let dir = 0; dir < dirs; dir++) {
      const inSz = l === 0 ? inputSize : realH * dirs;
      const shapes = [[gates(mode) * hidden, inSz], [gates(mode) * hidden, realH], [gates(mode) * hidden], [gates(mode) * hidden], [proj, hidden]];
      const ns = names(l, dir, truthy(v.bias), proj > 0);
      for (const n of ns) {
        const shape = n.startsWith('weight_ih') ? shapes[0] : n.startsWith('weight_hh') ? shapes[1] : n.startsWith('weight_hr') ? shapes[4] : shapes[2];
        await self.registerParameter(n, newParameter(shape, dtype));
        flat.push(n);
      }
    }
  d.set('_flat_weights_names', new PyList(flat));
  d.set('_all_weights', new PyList(Array.from({ length: layers * dirs }, (_, i) => new PyList(names(Math.floor(i / dirs), i % dirs, truthy(v.bias), proj > 0)))));
  await callMethod(self, 'reset_parameters', []);
}

function rnnResetParameters(self: Module): null {
  const mode = attr(self, 'mode') as Mode;
  const ps = self.params();
  const init = initRNN(defaultGenerator, mode === 'RNN_TANH' || mode === 'RNN_RELU' ? 'RNN_TANH' : mode, asInt(attr(self, 'input_size'), 'input_size'),
    asInt(attr(self, 'hidden_size'), 'hidden_size'), {
      numLayers: asInt(attr(self, 'num_layers'), 'num_layers'),
      bias: truthy(attr(self, 'bias')),
      bidirectional: truthy(attr(self, 'bidirectional')),
      projSize: asInt(attr(self, 'proj_size'), 'proj_size'),
      dtype: initDtype(ps.get('weight_ih_l0') as Tensor | null),
    });
  for (const { name, param } of init) {
    const t = ps.get(name);
    if (t instanceof Tensor) fill(t, param.data);
  }
  return null;
}

function rnnExtraRepr(m: Module): string {
  let s = `${fmt(attr(m, 'input_size'))}, ${fmt(attr(m, 'hidden_size'))}`;
  if (attr(m, 'proj_size') !== 0) s += `, proj_size=${fmt(attr(m, 'proj_size'))}`;
  if (attr(m, 'num_layers') !== 1) s += `, num_layers=${fmt(attr(m, 'num_layers'))}`;
  if (attr(m, 'bias') !== true) s += `, bias=${fmt(attr(m, 'bias'))}`;
  if (attr(m, 'batch_first') !== false) s += `, batch_first=${fmt(attr(m, 'batch_first'))}`;
  if (asFloat(attr(m, 'dropout')) !== 0) s += `, dropout=${fmt(attr(m, 'dropout'))}`;
  if (attr(m, 'bidirectional') !== false) s += `, bidirectional=${fmt(attr(m, 'bidirectional'))}`;
  return s;
}

export interface Weights {
  wIh: Tensor;
  wHh: Tensor;
  bIh: Tensor | null;
  bHh: Tensor | null;
  wHr: Tensor | null;
}

/** The weights of (layer, direction), read through getattr (so functional_call overrides apply). */
export async function layerWeights(self: Module, l: number, d: number): Promise<Weights> {
  const bias = truthy(attr(self, 'bias'));
  const proj = asInt(attr(self, 'proj_size'), 'proj_size') > 0;
  const [wIh, wHh, ...rest] = names(l, d, bias, proj);
  const read = async (k: string | undefined): Promise<Tensor | null> => (k === undefined ? null : tensorAttr(self, k));
  return {
    wIh: (await read(wIh))!,
    wHh: (await read(wHh))!,
    bIh: bias ? await read(rest[0]) : null,
    bHh: bias ? await read(rest[1]) : null,
    wHr: proj ? await read(rest[bias ? 2 : 0]) : null,
  };
}

/** One cell step: returns [h', c'] (c' only for LSTM). `xw` is the step's projected input. */
export function cell(mode: Mode, xw: Tensor, h: Tensor, c: Tensor | null, w: Weights): [Tensor, Tensor | null] {
  const hw = linear(h, w.wHh, w.bHh);
  if (mode === 'RNN_TANH') return [tanh(add(hw, xw)), null];
  if (mode === 'RNN_RELU') return [relu(add(hw, xw)), null];
  const size = hw.shape[hw.ndim - 1] / gates(mode);
  const chunk = (t: Tensor, i: number): Tensor => narrow(t, -1, i * size, size);
  if (mode === 'LSTM') {
    const g = add(hw, xw);
    const i = sigmoid(chunk(g, 0));
    const f = sigmoid(chunk(g, 1));
    const gg = tanh(chunk(g, 2));
    const o = sigmoid(chunk(g, 3));
    const cy = add(mul(f, c!), mul(i, gg));
    let hy = mul(o, tanh(cy));
    if (w.wHr !== null) hy = linear(hy, w.wHr, null);
    return [hy, cy];
  }
  const r = sigmoid(add(chunk(hw, 0), chunk(xw, 0)));
  const z = sigmoid(add(chunk(hw, 1), chunk(xw, 1)));
  const n = tanh(add(chunk(xw, 2), mul(chunk(hw, 2), r)));
  return [add(mul(sub(h, n), z), n), null];
}

/** One direction of one layer over the whole sequence (L, N, *): outputs and final state. */
function runDirection(mode: Mode, input: Tensor, h0: Tensor, c0: Tensor | null, w: Weights, reverse: boolean): [Tensor, Tensor, Tensor | null] {
  const xw = linear(input, w.wIh, w.bIh);
  const steps = input.shape[0];
  const outs: Tensor[] = new Array<Tensor>(steps);
  let h = h0;
  let c = c0;
  for (let k = 0; k < steps; k++) {
    const t = reverse ? steps - 1 - k : k;
    [h, c] = cell(mode, select(xw, 0, t), h, c, w);
    outs[t] = h;
  }
  return [stack(outs, 0), h, c];
}

async function rnnForward(self: Module, input: PyValue, hx: PyValue): Promise<PyValue> {
  const mode = attr(self, 'mode') as Mode;
  if (isPackedSequence(input)) return packedForward(self, mode, input, hx);
  let x = tensorArg(input, mode === 'LSTM' ? 'lstm' : mode === 'GRU' ? 'gru' : 'rnn');
  if (x.ndim !== 2 && x.ndim !== 3) {
    throw valueError(`${mode === 'LSTM' ? 'LSTM' : mode === 'GRU' ? 'GRU' : 'RNN'}: Expected input to be 2D or 3D, got ${x.ndim}D ${x.ndim === 1 ? 'tensor' : 'instead'}`);
  }
  const batchFirst = truthy(attr(self, 'batch_first'));
  const batched = x.ndim === 3;
  const inputSize = asInt(attr(self, 'input_size'), 'input_size');
  if (x.shape[x.ndim - 1] !== inputSize) {
    throw new PyError('RuntimeError', `input.size(-1) must be equal to input_size. Expected ${inputSize}, got ${x.shape[x.ndim - 1]}`);
  }
  if (!batched) x = unsqueeze(x, 1);
  else if (batchFirst) x = transpose(x, 0, 1);
  const layers = asInt(attr(self, 'num_layers'), 'num_layers');
  const dirs = truthy(attr(self, 'bidirectional')) ? 2 : 1;
  const hidden = asInt(attr(self, 'hidden_size'), 'hidden_size');
  const proj = asInt(attr(self, 'proj_size'), 'proj_size');
  const outH = proj > 0 ? proj : hidden;
  const n = x.shape[1];
  // Initial states: given (unbatched ones get a batch dim), else zeros.
  let h0: Tensor;
  let c0: Tensor | null = null;
  const given = (t: Tensor): Tensor => (batched ? t : unsqueeze(t, 1));
  if (hx === null) {
    h0 = zeros([layers * dirs, n, outH], { dtype: x.dtype });
    if (mode === 'LSTM') c0 = zeros([layers * dirs, n, hidden], { dtype: x.dtype });
  } else if (mode === 'LSTM') {
    const pair = hx instanceof PyTuple || hx instanceof PyList ? hx.items : [];
    if (pair.length !== 2 || !(pair[0] instanceof Tensor) || !(pair[1] instanceof Tensor)) {
      throw new PyError('TypeError', 'LSTM: Expected hx to be a tuple of (h_0, c_0)');
    }
    h0 = given(pair[0]);
    c0 = given(pair[1]);
  } else {
    h0 = given(tensorArg(hx, 'rnn', 'hx', 2));
  }
  // PyTorch's CPU LSTM runs on oneDNN, which has no projections (TORCH_WARN_ONCE in RNN.cpp).
  if (mode === 'LSTM' && proj > 0) {
    engineWarnOnce('UserWarning', `LSTM with projections is not supported with oneDNN. Using default implementation.${internally('RNN.cpp:1474')}`);
  }
  const dropoutP = asFloat(attr(self, 'dropout'));
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  let layerInput = x;
  for (let l = 0; l < layers; l++) {
    const outs: Tensor[] = [];
    for (let d = 0; d < dirs; d++) {
      const w = await layerWeights(self, l, d);
      const idx = l * dirs + d;
      const [out, h, c] = runDirection(mode, layerInput, select(h0, 0, idx), c0 === null ? null : select(c0, 0, idx), w, d === 1);
      outs.push(out);
      hs.push(h);
      if (c !== null) cs.push(c);
    }
    let layerOutput = dirs === 2 ? cat(outs, outs[0].ndim - 1) : outs[0];
    if (dropoutP !== 0 && self.training && l < layers - 1) layerOutput = dropout(layerOutput, dropoutP, { training: true });
    layerInput = layerOutput;
  }
  let output = layerInput;
  let hn = stack(hs, 0);
  let cn = cs.length ? stack(cs, 0) : null;
  if (!batched) {
    output = squeeze(output, 1);
    hn = squeeze(hn, 1);
    if (cn !== null) cn = squeeze(cn, 1);
  } else if (batchFirst) output = transpose(output, 0, 1);
  return new PyTuple([output, mode === 'LSTM' ? new PyTuple([hn, cn!]) : hn]);
}

function rnnType(name: 'RNN' | 'LSTM' | 'GRU', sig: string, modeOf: (v: PyValue[]) => Mode, pick: (v: PyValue[]) => Parameters<typeof initRnnBase>[2]) {
  const T = layerType(name, 'torch.nn.modules.rnn');
  defineMethod(T, `${name}.__init__(self, ${sig})`, async (self, v) => {
    await initRnnBase(self, modeOf(v), pick(v));
    if (name === 'RNN') self.dict!.set('nonlinearity', v[4]);
    return null;
  });
  defineMethod(T, `${name}.reset_parameters(self)`, (self) => rnnResetParameters(self));
  defineMethod(T, `${name}.flatten_parameters(self)`, () => null);
  defineMethod(T, `${name}.extra_repr(self)`, (self) => rnnExtraRepr(self));
  defineMethod(T, `${name}.forward(self, input, hx=None)`, (self, v) => rnnForward(self, v[1], v[2]));
  return T;
}

export const RNNType = rnnType(
  'RNN',
  "input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False, dropout=0.0, bidirectional=False, device=None, dtype=None",
  (v) => {
    if (v[4] === 'tanh') return 'RNN_TANH';
    if (v[4] === 'relu') return 'RNN_RELU';
    throw valueError(`Unknown nonlinearity '${String(v[4])}'. Select from 'tanh' or 'relu'.`);
  },
  (v) => ({ input: v[1], hidden: v[2], layers: v[3], bias: v[5], batchFirst: v[6], dropout: v[7], bidir: v[8], proj: 0, dtype: v[10] }),
);
export const LSTMType = rnnType(
  'LSTM',
  'input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, proj_size=0, device=None, dtype=None',
  () => 'LSTM',
  (v) => ({ input: v[1], hidden: v[2], layers: v[3], bias: v[4], batchFirst: v[5], dropout: v[6], bidir: v[7], proj: v[8], dtype: v[10] }),
);
export const GRUType = rnnType(
  'GRU',
  'input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, device=None, dtype=None',
  () => 'GRU',
  (v) => ({ input: v[1], hidden: v[2], layers: v[3], bias: v[4], batchFirst: v[5], dropout: v[6], bidir: v[7], proj: 0, dtype: v[9] }),
);
