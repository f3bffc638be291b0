// RNN / LSTM / GRU over a PackedSequence (the `isinstance(input, PackedSequence)` branch of
// torch.nn.modules.rnn's forward, then ATen's packed recurrence in RNN.cpp: PackedLayer,
// ReversedPackedLayer, PackedBidirectionalLayer, apply_layer_stack). The packed data is time-major
// and batch-sorted: step i holds the first batch_sizes[i] sequences. Each sequence therefore runs
// only for its own length; when the batch shrinks, the rows of the finished sequences are set
// aside as their final state (forward direction), and the reverse direction starts with the
// shortest batch and brings rows of the initial state in as the batch grows. Step outputs are
// concatenated (CatBackward0), directions concatenated on the last dim, inter-layer dropout acts on
// the data in training, final states stacked per layer and direction (StackBackward0), and the
// Python layer permutes hx into sorted order and h_n/c_n back (index_select → IndexSelectBackward0).
// The cell arithmetic is rnn.ts `cell`, the one the padded path uses.

import { PyError, valueError } from '../../errors';
import { PyList, PyTuple, type PyValue } from '../../python/object';
import { zeros } from '../../tensor/ops/creation';
import { cat, stack } from '../../tensor/ops/join';
import { indexSelect } from '../../tensor/ops/gather';
import { linear } from '../../tensor/ops/linalg/matmul';
import { dropout } from '../../tensor/ops/nn/dropout';
import { narrow, select } from '../../tensor/ops/views';
import type { Tensor } from '../../tensor/tensor';
import { Tensor as TensorCls } from '../../tensor/tensor';
import type { Module } from '../module';
import { longValues } from '../rnn_pack';
import { packedFields, packedSequence } from '../packed_sequence';
import { asFloat, asInt, attr, truthy } from './common';
import { cell, layerWeights, type Mode, type Weights } from './rnn';

const dtypeText = (d: string): string => `torch.${d}`;

/** A layer's recurrent state: h, and c for LSTM. */
interface State {
  h: Tensor;
  c: Tensor | null;
}

const rows = (s: State, start: number, len: number): State => ({ h: narrow(s.h, 0, start, len), c: s.c === null ? null : narrow(s.c, 0, start, len) });
const concat = (parts: State[]): State => ({ h: cat(parts.map((p) => p.h), 0), c: parts[0].c === null ? null : cat(parts.map((p) => p.c!), 0) });

/** PackedLayer: one forward direction over the packed data; outputs and the final state. */
function forwardLayer(mode: Mode, data: Tensor, sizes: readonly number[], init: State, w: Weights): [Tensor, State] {
  const xw = linear(data, w.wIh, w.bIh);
  const outs: Tensor[] = [];
  const finished: State[] = [];
  let hidden = init;
  let offset = 0;
  let last = sizes[0];
  for (const bs of sizes) {
    const step = narrow(xw, 0, offset, bs);
    offset += bs;
    if (last > bs) {
      finished.push(rows(hidden, bs, last - bs));
      hidden = rows(hidden, 0, bs);
    }
    last = bs;
    const [h, c] = cell(mode, step, hidden.h, hidden.c, w);
    hidden = { h, c };
    outs.push(h);
  }
  finished.push(hidden);
  return [cat(outs, 0), concat(finished.reverse())];
}

/** ReversedPackedLayer: the backward direction, from the last step to the first. */
function reversedLayer(mode: Mode, data: Tensor, sizes: readonly number[], init: State, w: Weights): [Tensor, State] {
  const xw = linear(data, w.wIh, w.bIh);
  const outs: Tensor[] = [];
  let offset = data.shape[0];
  let last = sizes[sizes.length - 1];
  let hidden = rows(init, 0, last);
  for (let i = sizes.length - 1; i >= 0; i--) {
    const bs = sizes[i];
    if (bs > last) hidden = concat([hidden, rows(init, last, bs - last)]);
    const step = narrow(xw, 0, offset - bs, bs);
    offset -= bs;
    last = bs;
    const [h, c] = cell(mode, step, hidden.h, hidden.c, w);
    hidden = { h, c };
    outs.push(h);
  }
  return [cat(outs.reverse(), 0), hidden];
}

/** `_apply_permutation(t, permutation)`: t.index_select(1, permutation), with CPU index_select's
 * bounds error for a state whose batch is too small. */
function permute(t: Tensor, perm: Tensor | null): Tensor {
  if (perm === null) return t;
  const size = t.shape[1];
  for (const i of longValues(perm)) {
    if (t.ndim > 1 && (i < 0 || i >= size)) throw new PyError('RuntimeError', `INDICES element is out of DATA bounds, id=${i} axis_dim=${size}`);
  }
  return indexSelect(t, 1, perm);
}

/** GRU/RNN's check_forward_args for packed input (LSTM's packed branch checks nothing). */
function checkArgs(self: Module, input: Tensor, hx: Tensor, sizes: readonly number[], dirs: number, w0: Tensor): void {
  if (input.dtype !== w0.dtype) throw valueError(`input must have the type ${dtypeText(w0.dtype)}, got type ${dtypeText(input.dtype)}`);
  if (input.ndim !== 2) throw new PyError('RuntimeError', `input must have 2 dimensions, got ${input.ndim}`);
  const inputSize = asInt(attr(self, 'input_size'), 'input_size');
  if (input.shape[1] !== inputSize) throw new PyError('RuntimeError', `input.size(-1) must be equal to input_size. Expected ${inputSize}, got ${input.shape[1]}`);
  const expected = [asInt(attr(self, 'num_layers'), 'num_layers') * dirs, sizes[0], asInt(attr(self, 'hidden_size'), 'hidden_size')];
  if (hx.ndim !== 3 || hx.shape.some((s, i) => s !== expected[i])) {
    throw new PyError('RuntimeError', `Expected hidden size (${expected.join(', ')}), got [${hx.shape.join(', ')}]`);
  }
}

/** ATen's packed lstm infers projections from hx (h and c of different widths) and then counts the
 * flat weights per layer; a module whose weights disagree gets gather_params' error. */
function checkProjection(h: Tensor, c: Tensor, hasProj: boolean): void {
  for (const t of [h, c]) {
    if (t.ndim < 3) throw new PyError('IndexError', `Dimension out of range (expected to be in range of [${-Math.max(t.ndim, 1)}, ${Math.max(t.ndim, 1) - 1}], but got 2)`);
  }
  if ((h.shape[2] !== c.shape[2]) !== hasProj) throw new PyError('RuntimeError', 'got an incorrect number of RNN parameters');
}

function asTensor(v: PyValue, what: string): Tensor {
  if (!(v instanceof TensorCls)) throw new PyError('TypeError', `${what} must be a Tensor`);
  return v;
}

/** The PackedSequence branch of RNN/LSTM/GRU.forward: (PackedSequence output, h_n | (h_n, c_n)). */
export async function packedForward(self: Module, mode: Mode, input: PyTuple, hx: PyValue): Promise<PyValue> {
  const { data, batchSizes, sorted, unsorted } = packedFields(input);
  const sizes = longValues(batchSizes);
  const layers = asInt(attr(self, 'num_layers'), 'num_layers');
  const dirs = truthy(attr(self, 'bidirectional')) ? 2 : 1;
  const hidden = asInt(attr(self, 'hidden_size'), 'hidden_size');
  const proj = asInt(attr(self, 'proj_size'), 'proj_size');
  const opts = { dtype: data.dtype, device: data.device };
  let h0: Tensor;
  let c0: Tensor | null = null;
  if (hx === null) {
    h0 = zeros([layers * dirs, sizes[0], proj > 0 ? proj : hidden], opts);
    if (mode === 'LSTM') c0 = zeros([layers * dirs, sizes[0], hidden], opts);
  } else if (mode === 'LSTM') {
    const pair = hx instanceof PyTuple || hx instanceof PyList ? hx.items : [hx];
    if (pair.length !== 2) throw new PyError('TypeError', 'LSTM: Expected hx to be a tuple of (h_0, c_0)');
    h0 = permute(asTensor(pair[0], 'hx[0]'), sorted);
    c0 = permute(asTensor(pair[1], 'hx[1]'), sorted);
  } else h0 = permute(asTensor(hx, 'hx'), sorted);
  const w00 = await layerWeights(self, 0, 0);
  if (mode !== 'LSTM') checkArgs(self, data, h0, sizes, dirs, w00.wIh);
  else checkProjection(h0, c0!, proj > 0);

  const dropoutP = asFloat(attr(self, 'dropout'));
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  let layerInput = data;
  for (let l = 0; l < layers; l++) {
    const outs: Tensor[] = [];
    for (let d = 0; d < dirs; d++) {
      const idx = l * dirs + d;
      const w = l === 0 && d === 0 ? w00 : await layerWeights(self, l, d);
      const init: State = { h: select(h0, 0, idx), c: c0 === null ? null : select(c0, 0, idx) };
      const [out, fin] = (d === 0 ? forwardLayer : reversedLayer)(mode, layerInput, sizes, init, w);
      outs.push(out);
      hs.push(fin.h);
      if (fin.c !== null) cs.push(fin.c);
    }
    layerInput = dirs === 2 ? cat(outs, -1) : outs[0];
    if (dropoutP !== 0 && self.training && l < layers - 1) layerInput = dropout(layerInput, dropoutP, { training: true });
  }
  const output = packedSequence(layerInput, batchSizes, sorted, unsorted);
  const hn = permute(stack(hs, 0), unsorted);
  if (mode !== 'LSTM') return new PyTuple([output, hn]);
  return new PyTuple([output, new PyTuple([hn, permute(stack(cs, 0), unsorted)])]);
}
