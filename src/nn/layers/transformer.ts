// nn.MultiheadAttention and nn.TransformerEncoderLayer / nn.TransformerEncoder
// (torch.nn.modules.activation / transformer). MultiheadAttention registers its tensors in
// PyTorch's order (in_proj_weight or q/k/v_proj_weight with the others as None slots,
// in_proj_bias, bias_k/bias_v) and builds `out_proj` (a NonDynamicallyQuantizableLinear, which
// draws its own init first), then _reset_parameters: xavier_uniform_ on the projections, zeros on
// in_proj_bias and out_proj.bias, xavier_normal_ on bias_k/bias_v (RNG.md §6). Its forward is
// mha_forward.ts. The encoder layer is built from those modules in PyTorch's order (so its draws
// and its repr match) and runs the post-norm or pre-norm block.

import { PyError, valueError } from '../../errors';
import { PyBuiltinFunction, PyList, PyTuple, type PyValue, call, callMethod, getattr } from '../../python/object';
import { defaultGenerator, xavierNormal_, xavierUniform_ } from '../../tensor/random';
import { add } from '../../tensor/ops/arith';
import { gelu, relu } from '../../tensor/ops/unary';
import { transpose } from '../../tensor/ops/views';
import { Tensor } from '../../tensor/tensor';
import { construct } from '../construct';
import { Module } from '../module';
import { protocols } from '../pyproto';
import { asFloat, asInt, attr, defineMethod, factoryDtype, fillConst, layerType, newParameter, tensorArg, tensorAttr, truthy } from './common';
import { DropoutType } from './activation';
import { LinearType } from './linear';
import { LayerNormType } from './norm';
import { ModuleListType } from './container';
import { multiHeadAttentionForward } from './mha_forward';

export const NonDynamicallyQuantizableLinearType = layerType('NonDynamicallyQuantizableLinear', 'torch.nn.modules.linear', LinearType);

/** Fill a parameter with an initialiser's draws (one in-place write: `_version` + 1). */
function draw(t: Tensor | null, f: (out: Float32Array | Float64Array) => void): void {
  if (t === null) return;
  const out = t.dtype === 'float64' ? new Float64Array(t.numel()) : new Float32Array(t.numel());
  f(out);
  (t.storage.data as Float32Array | Float64Array).set(out, t.offset);
  t.bumpVersion();
}

export const MultiheadAttentionType = layerType('MultiheadAttention', 'torch.nn.modules.activation');
defineMethod(
  MultiheadAttentionType,
  'MultiheadAttention.__init__(self, embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False, add_zero_attn=False, ' +
    'kdim=None, vdim=None, batch_first=False, device=None, dtype=None)',
  async (self, v) => {
    const e = asInt(v[1], 'embed_dim');
    const h = asInt(v[2], 'num_heads');
    if (e <= 0 || h <= 0) throw valueError(`embed_dim and num_heads must be greater than 0, got embed_dim=${e} and num_heads=${h} instead`);
    self.init();
    const kdim = v[7] === null ? e : asInt(v[7], 'kdim');
    const vdim = v[8] === null ? e : asInt(v[8], 'vdim');
    const d = self.dict!;
    d.set('embed_dim', v[1]);
    d.set('kdim', kdim);
    d.set('vdim', vdim);
    const same = kdim === e && vdim === e;
    d.set('_qkv_same_embed_dim', same);
    d.set('num_heads', v[2]);
    d.set('dropout', v[3]);
    d.set('batch_first', v[9]);
    d.set('head_dim', Math.floor(e / h));
    if (Math.floor(e / h) * h !== e) throw new PyError('AssertionError', 'embed_dim must be divisible by num_heads');
    const dtype = factoryDtype(v[11]);
    if (!same) {
      await self.registerParameter('q_proj_weight', newParameter([e, e], dtype));
      await self.registerParameter('k_proj_weight', newParameter([e, kdim], dtype));
      await self.registerParameter('v_proj_weight', newParameter([e, vdim], dtype));
      await self.registerParameter('in_proj_weight', null);
    } else {
      await self.registerParameter('in_proj_weight', newParameter([3 * e, e], dtype));
      await self.registerParameter('q_proj_weight', null);
      await self.registerParameter('k_proj_weight', null);
      await self.registerParameter('v_proj_weight', null);
    }
    await self.registerParameter('in_proj_bias', truthy(v[4]) ? newParameter([3 * e], dtype) : null);
    const kw = new Map<string, PyValue>([['bias', v[4]], ['dtype', v[11]]]);
    await self.addModule('out_proj', await construct(NonDynamicallyQuantizableLinearType, [e, e], kw));
    if (truthy(v[5])) {
      await self.registerParameter('bias_k', newParameter([1, 1, e], dtype));
      await self.registerParameter('bias_v', newParameter([1, 1, e], dtype));
    } else {
      d.set('bias_k', null);
      d.set('bias_v', null);
    }
    d.set('add_zero_attn', v[6]);
    await callMethod(self, '_reset_parameters', []);
    return null;
  },
);
defineMethod(MultiheadAttentionType, 'MultiheadAttention._reset_parameters(self)', async (self) => {
  const p = self.params();
  const g = defaultGenerator;
  const t = (n: string): Tensor | null => (p.get(n) as Tensor | null | undefined) ?? null;
  if (attr(self, '_qkv_same_embed_dim') === true) {
    const w = t('in_proj_weight');
    draw(w, (o) => xavierUniform_(g, w!.dtype, o, w!.shape));
  } else {
    for (const n of ['q_proj_weight', 'k_proj_weight', 'v_proj_weight']) {
      const w = t(n);
      draw(w, (o) => xavierUniform_(g, w!.dtype, o, w!.shape));
    }
  }
  if (t('in_proj_bias') !== null) {
    fillConst(t('in_proj_bias'), 0);
    const out = self.child('out_proj');
    if (out) fillConst((out.params().get('bias') as Tensor | null) ?? null, 0);
  }
  for (const n of ['bias_k', 'bias_v']) {
    const b = t(n);
    draw(b, (o) => xavierNormal_(g, b!.dtype, o, b!.shape));
  }
  return null;
});
defineMethod(
  MultiheadAttentionType,
  'MultiheadAttention.forward(self, query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None, average_attn_weights=True, is_causal=False)',
  async (self, v) => {
    let [q, k, val] = [tensorArg(v[1], 'multi_head_attention_forward', 'query'), tensorArg(v[2], 'multi_head_attention_forward', 'key', 2), tensorArg(v[3], 'multi_head_attention_forward', 'value', 3)];
    const batchFirst = truthy(attr(self, 'batch_first'));
    const batched = q.ndim === 3;
    if (batchFirst && batched) {
      // `query, key, value = (x.transpose(1, 0) for x in ...)`, keeping `key is value` identity.
      const kIsV = k === val;
      const qIsK = q === k;
      q = transpose(q, 1, 0);
      k = qIsK ? q : transpose(k, 1, 0);
      val = kIsV ? k : transpose(val, 1, 0);
    }
    const out = self.child('out_proj');
    if (!out) throw valueError('MultiheadAttention has no out_proj');
    const mask = (x: PyValue): Tensor | null => (x instanceof Tensor ? x : null);
    const kpm = mask(v[4]);
    const am = mask(v[6]);
    // F._canonical_mask(key_padding_mask, other_type=attn_mask.dtype) in MultiheadAttention.forward.
    if (kpm !== null && am !== null && kpm.dtype !== am.dtype) {
      await protocols.warn('UserWarning', 'Support for mismatched key_padding_mask and attn_mask is deprecated. Use same type for both instead.');
    }
    const [o, w] = multiHeadAttentionForward(q, k, val, {
      inProjWeight: await tensorAttr(self, 'in_proj_weight'),
      inProjBias: await tensorAttr(self, 'in_proj_bias'),
      qProjWeight: await tensorAttr(self, 'q_proj_weight'),
      kProjWeight: await tensorAttr(self, 'k_proj_weight'),
      vProjWeight: await tensorAttr(self, 'v_proj_weight'),
      biasK: await tensorAttr(self, 'bias_k'),
      biasV: await tensorAttr(self, 'bias_v'),
      outProjWeight: (await tensorAttr(out, 'weight'))!,
      outProjBias: await tensorAttr(out, 'bias'),
    }, {
      numHeads: asInt(attr(self, 'num_heads'), 'num_heads'),
      addZeroAttn: truthy(attr(self, 'add_zero_attn')),
      dropoutP: asFloat(attr(self, 'dropout')),
      training: self.training,
      keyPaddingMask: mask(v[4]),
      needWeights: truthy(v[5]),
      attnMask: mask(v[6]),
      averageAttnWeights: truthy(v[7]),
      isCausal: truthy(v[8]),
    });
    return new PyTuple([batchFirst && batched ? transpose(o, 1, 0) : o, w]);
  },
);

// ---- TransformerEncoderLayer ----------------------------------------------------------------------

export const TransformerEncoderLayerType = layerType('TransformerEncoderLayer', 'torch.nn.modules.transformer');
defineMethod(
  TransformerEncoderLayerType,
  "TransformerEncoderLayer.__init__(self, d_model, nhead, dim_feedforward=2048, dropout=0.1, activation='relu', layer_norm_eps=1e-05, " +
    'batch_first=False, norm_first=False, bias=True, device=None, dtype=None)',
  async (self, v) => {
    self.init();
    const [dModel, nhead, ff, p, act, eps, bf, nf, bias, , dtype] = v.slice(1);
    const kw = (pairs: [string, PyValue][]): Map<string, PyValue> => new Map([...pairs, ['dtype', dtype]]);
    await self.addModule('self_attn', await construct(MultiheadAttentionType, [dModel, nhead], kw([['dropout', p], ['bias', bias], ['batch_first', bf]])));
    await self.addModule('linear1', await construct(LinearType, [dModel, ff], kw([['bias', bias]])));
    await self.addModule('dropout', await construct(DropoutType, [p]));
    await self.addModule('linear2', await construct(LinearType, [ff, dModel], kw([['bias', bias]])));
    self.dict!.set('norm_first', nf);
    await self.addModule('norm1', await construct(LayerNormType, [dModel], kw([['eps', eps], ['bias', bias]])));
    await self.addModule('norm2', await construct(LayerNormType, [dModel], kw([['eps', eps], ['bias', bias]])));
    await self.addModule('dropout1', await construct(DropoutType, [p]));
    await self.addModule('dropout2', await construct(DropoutType, [p]));
    await setActivation(self, act);
    return null;
  },
);

/** The `activation=` argument of the encoder/decoder layers: 'relu'/'gelu' store F.relu/F.gelu
 * (gelu prints as `<built-in function gelu>`), a module is registered as a child, any other
 * callable is stored as is. */
export async function setActivation(self: Module, act: PyValue): Promise<void> {
  if (act === 'relu' || act === 'gelu') {
    self.dict!.set('activation_relu_or_gelu', act === 'relu' ? 1 : 2);
    self.dict!.set('activation', act === 'relu' ? RELU_FN : GELU_FN);
  } else if (typeof act === 'string') {
    throw new PyError('RuntimeError', `activation should be relu/gelu, not ${act}`);
  } else {
    self.dict!.set('activation_relu_or_gelu', act === RELU_FN ? 1 : act === GELU_FN ? 2 : 0);
    if (act instanceof Module) await self.addModule('activation', act);
    else self.dict!.set('activation', act);
  }
}

export const RELU_FN = new PyBuiltinFunction('relu', (a) => relu(tensorArg(a[0], 'relu')), 'torch.nn.functional.relu');
export const GELU_FN = new PyBuiltinFunction('gelu', (a) => gelu(tensorArg(a[0], 'gelu')), 'torch._C._nn.gelu');

export async function activation(self: Module, x: Tensor): Promise<Tensor> {
  const a = await getattr(self, 'activation');
  if (a === RELU_FN) return relu(x);
  if (a === GELU_FN) return gelu(x);
  return (await call(a, [x])) as Tensor;
}

defineMethod(
  TransformerEncoderLayerType,
  'TransformerEncoderLayer.forward(self, src, src_mask=None, src_key_padding_mask=None, is_causal=False)',
  async (self, v) => {
    const sub = (n: string): Module => self.child(n)!;
    const sa = async (x: Tensor): Promise<Tensor> => {
      const kw = new Map<string, PyValue>([['attn_mask', v[2]], ['key_padding_mask', v[3]], ['need_weights', false], ['is_causal', v[4]]]);
      const r = (await call(sub('self_attn'), [x, x, x], kw)) as PyTuple;
      return (await call(sub('dropout1'), [r.items[0]])) as Tensor;
    };
    const ffb = async (x: Tensor): Promise<Tensor> => {
      const h = (await call(sub('linear1'), [x])) as Tensor;
      const a = (await call(sub('dropout'), [await activation(self, h)])) as Tensor;
      return (await call(sub('dropout2'), [await call(sub('linear2'), [a])])) as Tensor;
    };
    let x = tensorArg(v[1], 'TransformerEncoderLayer', 'src');
    if (truthy(attr(self, 'norm_first'))) {
      x = add(x, await sa((await call(sub('norm1'), [x])) as Tensor));
      x = add(x, await ffb((await call(sub('norm2'), [x])) as Tensor));
    } else {
      x = (await call(sub('norm1'), [add(x, await sa(x))])) as Tensor;
      x = (await call(sub('norm2'), [add(x, await ffb(x))])) as Tensor;
    }
    return x;
  },
);

// ---- TransformerEncoder ---------------------------------------------------------------------------

export const TransformerEncoderType = layerType('TransformerEncoder', 'torch.nn.modules.transformer');
defineMethod(
  TransformerEncoderType,
  'TransformerEncoder.__init__(self, encoder_layer, num_layers, norm=None, enable_nested_tensor=True, mask_check=True)',
  async (self, v) => {
    self.init();
    const n = asInt(v[2], 'num_layers');
    const layers: PyValue[] = [];
    for (let i = 0; i < n; i++) layers.push(await protocols.deepcopy(v[1]));
    await self.addModule('layers', await construct(ModuleListType, [new PyList(layers)]));
    self.dict!.set('num_layers', v[2]);
    await self.addModule('norm', v[3] as Module | null);
    self.dict!.set('enable_nested_tensor', v[4]);
    self.dict!.set('use_nested_tensor', v[4]);
    self.dict!.set('mask_check', v[5]);
    if (truthy(v[4])) {
      const layer = v[1] as Module;
      const sa = layer.child('self_attn');
      const why = sa === null || !truthy(attr(sa, 'batch_first'))
        ? 'encoder_layer.self_attn.batch_first was not True(use batch_first for better inference performance)'
        : truthy(attr(layer, 'norm_first')) ? 'encoder_layer.norm_first was True' : '';
      if (why) {
        self.dict!.set('use_nested_tensor', false);
        await protocols.warn('UserWarning', `enable_nested_tensor is True, but self.use_nested_tensor is False because ${why}`);
      }
    }
    return null;
  },
);
defineMethod(TransformerEncoderType, 'TransformerEncoder.forward(self, src, mask=None, src_key_padding_mask=None, is_causal=None)', async (self, v) => {
  let out = v[1];
  const kw = new Map<string, PyValue>([['src_mask', v[2]], ['src_key_padding_mask', v[3]], ['is_causal', v[4] === null ? false : v[4]]]);
  const layers = self.child('layers')!;
  for (const [, l] of layers.modules().entries()) out = await call(l, [out], kw);
  const norm = self.child('norm');
  if (norm !== null) out = await call(norm, [out]);
  return out;
});
