// nn.RNNCell, nn.LSTMCell, nn.GRUCell (torch.nn.modules.rnn, RNNCellBase): weight_ih, weight_hh,
// bias_ih, bias_hh drawn from U(±1/√H) in that order by reset_parameters (each one in-place
// write), PyTorch's extra_repr, input checks and unbatched handling, and one step of the same cell
// arithmetic the multi-step layers use (rnn.ts `cell`), so grad_fns match ATen's cells
// (TanhBackward0, MulBackward0/AddBackward0 for LSTM, AddBackward0 for GRU).

import { PyError, valueError } from '../../errors';
import { PyList, PyTuple, type PyValue, callMethod } from '../../python/object';
import { uniform_ } from '../../tensor/random/uniform';
import { defaultGenerator } from '../../tensor/random';
import { zeros } from '../../tensor/ops/creation';
import { linear } from '../../tensor/ops/linalg/matmul';
import { squeeze, unsqueeze } from '../../tensor/ops/views';
import { Tensor } from '../../tensor/tensor';
import type { Module } from '../module';
import { asInt, attr, defineMethod, factoryDtype, fmt, layerType, newParameter, tensorArg, tensorAttr, truthy } from './common';
import { cell, type Mode } from './rnn';

const NAMES = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'];

async function initCell(self: Module, inputSize: PyValue, hiddenSize: PyValue, bias: PyValue, chunks: number, dtypeArg: PyValue): Promise<void> {
  self.init();
  const i = asInt(inputSize, 'input_size');
  const h = asInt(hiddenSize, 'hidden_size');
  const d = self.dict!;
  d.set('input_size', inputSize);
  d.set('hidden_size', hiddenSize);
  d.set('bias', bias);
  const dtype = factoryDtype(dtypeArg);
  await self.registerParameter('weight_ih', newParameter([chunks * h, i], dtype));
  await self.registerParameter('weight_hh', newParameter([chunks * h, h], dtype));
  await self.registerParameter('bias_ih', truthy(bias) ? newParameter([chunks * h], dtype) : null);
  await self.registerParameter('bias_hh', truthy(bias) ? newParameter([chunks * h], dtype) : null);
  await callMethod(self, 'reset_parameters', []);
}

function cellType(name: 'RNNCell' | 'LSTMCell' | 'GRUCell', sig: string, mode: (m: Module) => Mode) {
  const T = layerType(name, 'torch.nn.modules.rnn');
  defineMethod(T, `${name}.__init__(self, ${sig})`, async (self, v) => {
    if (name === 'RNNCell') {
      await initCell(self, v[1], v[2], v[3], 1, v[6]);
      if (v[4] !== 'tanh' && v[4] !== 'relu') throw valueError(`Unknown nonlinearity: ${String(v[4])}`);
      self.dict!.set('nonlinearity', v[4]);
    } else await initCell(self, v[1], v[2], v[3], name === 'LSTMCell' ? 4 : 3, v[5]);
    return null;
  });
  defineMethod(T, `${name}.reset_parameters(self)`, (self) => {
    const h = asInt(attr(self, 'hidden_size'), 'hidden_size');
    const stdv = h > 0 ? 1 / Math.sqrt(h) : 0;
    for (const n of NAMES) {
      const t = self.params().get(n);
      if (!(t instanceof Tensor)) continue;
      const out = t.dtype === 'float64' ? new Float64Array(t.numel()) : new Float32Array(t.numel());
      uniform_(defaultGenerator, t.dtype === 'float64' ? 'float64' : 'float32', out, -stdv, stdv);
      (t.storage.data as Float32Array | Float64Array).set(out, t.offset);
      t.bumpVersion();
    }
    return null;
  });
  defineMethod(T, `${name}.extra_repr(self)`, (self) => {
    let s = `${fmt(attr(self, 'input_size'))}, ${fmt(attr(self, 'hidden_size'))}`;
    if (attr(self, 'bias') !== true) s += `, bias=${fmt(attr(self, 'bias'))}`;
    const nl = self.dict!.get('nonlinearity');
    if (nl !== undefined && nl !== 'tanh') s += `, nonlinearity=${fmt(nl)}`;
    return s;
  });
  defineMethod(T, `${name}.forward(self, input, hx=None)`, async (self, v) => {
    const x0 = tensorArg(v[1], name);
    if (x0.ndim !== 1 && x0.ndim !== 2) throw valueError(`${name}: Expected input to be 1D or 2D, got ${x0.ndim}D instead`);
    const batched = x0.ndim === 2;
    const x = batched ? x0 : unsqueeze(x0, 0);
    const inputSize = asInt(attr(self, 'input_size'), 'input_size');
    const hidden = asInt(attr(self, 'hidden_size'), 'hidden_size');
    if (x.shape[1] !== inputSize) throw new PyError('RuntimeError', `input has inconsistent input_size: got ${x.shape[1]} expected ${inputSize}`);
    const state = (t: PyValue, what: string): Tensor => {
      const s = tensorArg(t, name, 'hx', 2);
      if (s.ndim !== 1 && s.ndim !== 2) throw valueError(`${name}: Expected ${what} to be 1D or 2D, got ${s.ndim}D instead`);
      return batched ? s : unsqueeze(s, 0);
    };
    let h: Tensor;
    let c: Tensor | null = null;
    if (v[2] === null) {
      h = zeros([x.shape[0], hidden], { dtype: x.dtype });
      if (name === 'LSTMCell') c = zeros([x.shape[0], hidden], { dtype: x.dtype });
    } else if (name === 'LSTMCell') {
      const pair = v[2] instanceof PyTuple || v[2] instanceof PyList ? v[2].items : [];
      if (pair.length !== 2) throw new PyError('TypeError', 'LSTMCell: Expected hx to be a tuple of (h_0, c_0)');
      h = state(pair[0], 'hx[0]');
      c = state(pair[1], 'hx[1]');
    } else h = state(v[2], 'hidden');
    const w = {
      wIh: (await tensorAttr(self, 'weight_ih'))!,
      wHh: (await tensorAttr(self, 'weight_hh'))!,
      bIh: await tensorAttr(self, 'bias_ih'),
      bHh: await tensorAttr(self, 'bias_hh'),
      wHr: null,
    };
    let [hy, cy] = cell(mode(self), linear(x, w.wIh, w.bIh), h, c, w);
    if (!batched) {
      hy = squeeze(hy, 0);
      if (cy !== null) cy = squeeze(cy, 0);
    }
    return name === 'LSTMCell' ? new PyTuple([hy, cy!]) : hy;
  });
  return T;
}

export const RNNCellType = cellType('RNNCell', "input_size, hidden_size, bias=True, nonlinearity='tanh', device=None, dtype=None", (m) =>
  attr(m, 'nonlinearity') === 'relu' ? 'RNN_RELU' : 'RNN_TANH',
);
export const LSTMCellType = cellType('LSTMCell', 'input_size, hidden_size, bias=True, device=None, dtype=None', () => 'LSTM');
export const GRUCellType = cellType('GRUCell', 'input_size, hidden_size, bias=True, device=None, dtype=None', () => 'GRU');
