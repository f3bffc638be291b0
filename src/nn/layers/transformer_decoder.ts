// nn.TransformerDecoderLayer, nn.TransformerDecoder and nn.Transformer
// (torch.nn.modules.transformer). Sub-modules are created in PyTorch's order (so their default
// init draws and the repr follow it): self_attn, multihead_attn, linear1, dropout, linear2, norms
// and dropouts; nn.Transformer builds encoder (layer + final LayerNorm) then decoder, and finally
// redraws every parameter with more than one dim by xavier_uniform_ (its _reset_parameters).
// Forwards run the post-norm or pre-norm blocks through Python calls of the children (so hooks and
// functional_call overrides apply).

import { PyError } from '../../errors';
import { PyBuiltinFunction, PyList, PyStaticMethod, PyTuple, type PyValue, call } from '../../python/object';
import { defaultGenerator, xavierUniform_ } from '../../tensor/random';
import { add } from '../../tensor/ops/arith';
import { full } from '../../tensor/ops/creation';
import { triu } from '../../tensor/ops/reorder';
import { Tensor } from '../../tensor/tensor';
import { construct } from '../construct';
import { Module } from '../module';
import { namedMembers } from '../names';
import { protocols } from '../pyproto';
import { asInt, attr, defineMethod, layerType, tensorArg, truthy } from './common';
import { DropoutType } from './activation';
import { ModuleListType } from './container';
import { LinearType } from './linear';
import { LayerNormType } from './norm';
import { MultiheadAttentionType, RELU_FN, TransformerEncoderLayerType, TransformerEncoderType, activation, setActivation } from './transformer';

const MOD = 'torch.nn.modules.transformer';
const kwargs = (pairs: [string, PyValue][]): Map<string, PyValue> => new Map(pairs);

export const TransformerDecoderLayerType = layerType('TransformerDecoderLayer', MOD);
defineMethod(
  TransformerDecoderLayerType,
  "TransformerDecoderLayer.__init__(self, d_model, nhead, dim_feedforward=2048, dropout=0.1, activation='relu', layer_norm_eps=1e-05, " +
    'batch_first=False, norm_first=False, bias=True, device=None, dtype=None)',
  async (self, v) => {
    self.init();
    const [dModel, nhead, ff, p, act, eps, bf, nf, bias, , dtype] = v.slice(1);
    const attn = (): Promise<Module> =>
      construct(MultiheadAttentionType, [dModel, nhead], kwargs([['dropout', p], ['batch_first', bf], ['bias', bias], ['dtype', dtype]]));
    await self.addModule('self_attn', await attn());
    await self.addModule('multihead_attn', await attn());
    await self.addModule('linear1', await construct(LinearType, [dModel, ff], kwargs([['bias', bias], ['dtype', dtype]])));
    await self.addModule('dropout', await construct(DropoutType, [p]));
    await self.addModule('linear2', await construct(LinearType, [ff, dModel], kwargs([['bias', bias], ['dtype', dtype]])));
    self.dict!.set('norm_first', nf);
    for (const n of ['norm1', 'norm2', 'norm3']) {
      await self.addModule(n, await construct(LayerNormType, [dModel], kwargs([['eps', eps], ['bias', bias], ['dtype', dtype]])));
    }
    for (const n of ['dropout1', 'dropout2', 'dropout3']) await self.addModule(n, await construct(DropoutType, [p]));
    await setActivation(self, act);
    return null;
  },
);
defineMethod(
  TransformerDecoderLayerType,
  'TransformerDecoderLayer.forward(self, tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None, ' +
    'memory_key_padding_mask=None, tgt_is_causal=False, memory_is_causal=False)',
  async (self, v) => {
    const sub = (n: string): Module => self.child(n)!;
    const memory = v[2];
    const attend = async (name: string, drop: string, x: Tensor, kv: PyValue, mask: PyValue, pad: PyValue, causal: PyValue): Promise<Tensor> => {
      const kw = kwargs([['attn_mask', mask], ['key_padding_mask', pad], ['is_causal', causal], ['need_weights', false]]);
      const r = (await call(sub(name), [x, kv, kv], kw)) as PyTuple;
      return (await call(sub(drop), [r.items[0]])) as Tensor;
    };
    const sa = (x: Tensor): Promise<Tensor> => attend('self_attn', 'dropout1', x, x, v[3], v[5], v[7]);
    const mha = (x: Tensor): Promise<Tensor> => attend('multihead_attn', 'dropout2', x, memory, v[4], v[6], v[8]);
    const ffb = async (x: Tensor): Promise<Tensor> => {
      const h = (await call(sub('linear1'), [x])) as Tensor;
      const a = (await call(sub('dropout'), [await activation(self, h)])) as Tensor;
      return (await call(sub('dropout3'), [await call(sub('linear2'), [a])])) as Tensor;
    };
    const norm = async (n: string, x: Tensor): Promise<Tensor> => (await call(sub(n), [x])) as Tensor;
    let x = tensorArg(v[1], 'TransformerDecoderLayer', 'tgt');
    if (truthy(attr(self, 'norm_first'))) {
      x = add(x, await sa(await norm('norm1', x)));
      x = add(x, await mha(await norm('norm2', x)));
      x = add(x, await ffb(await norm('norm3', x)));
    } else {
      x = await norm('norm1', add(x, await sa(x)));
      x = await norm('norm2', add(x, await mha(x)));
      x = await norm('norm3', add(x, await ffb(x)));
    }
    return x;
  },
);

export const TransformerDecoderType = layerType('TransformerDecoder', MOD);
defineMethod(TransformerDecoderType, 'TransformerDecoder.__init__(self, decoder_layer, num_layers, norm=None)', async (self, v) => {
  self.init();
  const layers: PyValue[] = [];
  for (let i = 0; i < asInt(v[2], 'num_layers'); i++) layers.push(await protocols.deepcopy(v[1]));
  await self.addModule('layers', await construct(ModuleListType, [new PyList(layers)]));
  self.dict!.set('num_layers', v[2]);
  await self.addModule('norm', v[3] as Module | null);
  return null;
});
defineMethod(
  TransformerDecoderType,
  'TransformerDecoder.forward(self, tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None, ' +
    'memory_key_padding_mask=None, tgt_is_causal=None, memory_is_causal=False)',
  async (self, v) => {
    let out = v[1];
    const kw = kwargs([
      ['tgt_mask', v[3]], ['memory_mask', v[4]], ['tgt_key_padding_mask', v[5]], ['memory_key_padding_mask', v[6]],
      ['tgt_is_causal', v[7] === null ? false : v[7]], ['memory_is_causal', v[8]],
    ]);
    for (const [, l] of self.child('layers')!.modules().entries()) out = await call(l, [out, v[2]], kw);
    const norm = self.child('norm');
    return norm !== null ? call(norm, [out]) : out;
  },
);

export const TransformerType = layerType('Transformer', MOD);
defineMethod(
  TransformerType,
  'Transformer.__init__(self, d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6, dim_feedforward=2048, dropout=0.1, ' +
    'activation=None, custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True, device=None, dtype=None)',
  async (self, v) => {
    self.init();
    const [dModel, nhead, nEnc, nDec, ff, p, act0, customEnc, customDec, eps, bf, nf, bias, , dtype] = v.slice(1);
    const act = act0 === null ? RELU_FN : act0; // PyTorch's default is F.relu itself
    const layerArgs = [dModel, nhead, ff, p, act, eps, bf, nf, bias];
    const normOf = (): Promise<Module> => construct(LayerNormType, [dModel], kwargs([['eps', eps], ['bias', bias], ['dtype', dtype]]));
    const dt = kwargs([['dtype', dtype]]);
    if (customEnc !== null) await self.addModule('encoder', customEnc);
    else {
      const layer = await construct(TransformerEncoderLayerType, layerArgs, dt);
      await self.addModule('encoder', await construct(TransformerEncoderType, [layer, nEnc, await normOf()]));
    }
    if (customDec !== null) await self.addModule('decoder', customDec);
    else {
      const layer = await construct(TransformerDecoderLayerType, layerArgs, dt);
      await self.addModule('decoder', await construct(TransformerDecoderType, [layer, nDec, await normOf()]));
    }
    // _reset_parameters: xavier_uniform_ on every parameter with more than one dimension.
    for (const [, t] of namedMembers(self, 'parameters')) {
      if (t.ndim <= 1) continue;
      const out = t.dtype === 'float64' ? new Float64Array(t.numel()) : new Float32Array(t.numel());
      xavierUniform_(defaultGenerator, t.dtype, out, t.shape);
      (t.storage.data as Float32Array | Float64Array).set(out, t.offset);
      t.bumpVersion();
    }
    self.dict!.set('d_model', dModel);
    self.dict!.set('nhead', nhead);
    self.dict!.set('batch_first', bf);
    return null;
  },
);
defineMethod(
  TransformerType,
  'Transformer.forward(self, src, tgt, src_mask=None, tgt_mask=None, memory_mask=None, src_key_padding_mask=None, ' +
    'tgt_key_padding_mask=None, memory_key_padding_mask=None, src_is_causal=None, tgt_is_causal=None, memory_is_causal=False)',
  async (self, v) => {
    const src = tensorArg(v[1], 'Transformer', 'src');
    const tgt = tensorArg(v[2], 'Transformer', 'tgt', 2);
    const batched = src.ndim === 3;
    const bf = truthy(attr(self, 'batch_first'));
    if (batched && src.shape[bf ? 0 : 1] !== tgt.shape[bf ? 0 : 1]) throw new PyError('RuntimeError', 'the batch number of src and tgt must be equal');
    const d = asInt(attr(self, 'd_model'), 'd_model');
    if (src.shape[src.ndim - 1] !== d || tgt.shape[tgt.ndim - 1] !== d) {
      throw new PyError('RuntimeError', 'the feature number of src and tgt must be equal to d_model');
    }
    const memory = await call(self.child('encoder')!, [src], kwargs([['mask', v[3]], ['src_key_padding_mask', v[6]], ['is_causal', v[9]]]));
    return call(self.child('decoder')!, [tgt, memory], kwargs([
      ['tgt_mask', v[4]], ['memory_mask', v[5]], ['tgt_key_padding_mask', v[7]], ['memory_key_padding_mask', v[8]],
      ['tgt_is_causal', v[10]], ['memory_is_causal', v[11]],
    ]));
  },
);

/** `Transformer.generate_square_subsequent_mask(sz)`: float mask, -inf above the diagonal. */
export function squareSubsequentMask(sz: number): Tensor {
  return triu(full([sz, sz], -Infinity), 1);
}
TransformerType.dict!.set(
  'generate_square_subsequent_mask',
  new PyStaticMethod(new PyBuiltinFunction('generate_square_subsequent_mask', (a) => squareSubsequentMask(asInt(a[0], 'sz')), 'Transformer.generate_square_subsequent_mask')),
);
