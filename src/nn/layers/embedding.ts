// nn.Embedding (torch.nn.modules.sparse): padding_idx normalised and validated as torch does,
// default init `normal_(0, 1)` through the torch-parity RNG then the padding row zeroed, the
// extra_repr that only shows non-default options, and a forward through the engine's kernel.

import { PyError } from '../../errors';
import { PyBuiltinFunction, PyClassMethod, PyFloat, PyType, type PyValue, callMethod } from '../../python/object';
import { binder } from '../../python/bindings/args';
import { construct } from '../construct';
import { defaultGenerator, initEmbedding } from '../../tensor/random';
import { Tensor } from '../../tensor/tensor';
import { makeParameter } from '../bridge';
import { asFloat, asInt, attr, defineMethod, factoryDtype, fill, fmt, initDtype, layerType, newParameter, required, tensorArg, tensorAttr, truthy } from './common';
import { nnKernels } from './kernels';

export const EmbeddingType = layerType('Embedding', 'torch.nn.modules.sparse');
defineMethod(
  EmbeddingType,
  'Embedding.__init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, ' +
    'scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, device=None, dtype=None)',
  async (self, v) => {
    self.init();
    const n = asInt(v[1], 'num_embeddings');
    const d = asInt(v[2], 'embedding_dim');
    let pad = v[3] === null ? null : asInt(v[3], 'padding_idx');
    if (pad !== null) {
      if (pad > 0 && pad >= n) throw new PyError('AssertionError', 'Padding_idx must be within num_embeddings');
      if (pad < 0 && pad < -n) throw new PyError('AssertionError', 'Padding_idx must be within num_embeddings');
      if (pad < 0) pad += n;
    }
    const dd = self.dict!;
    dd.set('num_embeddings', v[1]);
    dd.set('embedding_dim', v[2]);
    dd.set('padding_idx', pad);
    dd.set('max_norm', v[4]);
    dd.set('norm_type', v[5]);
    dd.set('scale_grad_by_freq', v[6]);
    if (v[8] === null) {
      await self.registerParameter('weight', newParameter([n, d], factoryDtype(v[11]), !truthy(v[9])));
      await callMethod(self, 'reset_parameters', []);
    } else {
      const w = v[8];
      if (!(w instanceof Tensor)) throw new PyError('TypeError', '_weight must be a Tensor');
      await self.registerParameter('weight', makeParameter(w, !truthy(v[9])));
    }
    dd.set('sparse', v[7]);
    return null;
  },
);
defineMethod(EmbeddingType, 'Embedding.reset_parameters(self)', (self) => {
  const w = self.params().get('weight') as Tensor | null;
  const pad = attr(self, 'padding_idx');
  const init = initEmbedding(
    defaultGenerator,
    asInt(attr(self, 'num_embeddings'), 'num_embeddings'),
    asInt(attr(self, 'embedding_dim'), 'embedding_dim'),
    pad === null ? null : asInt(pad, 'padding_idx'),
    initDtype(w),
  );
  if (w) fill(w, init.data, pad === null ? 1 : 2);
  return null;
});
defineMethod(EmbeddingType, 'Embedding.extra_repr(self)', (self) => {
  let s = `${fmt(attr(self, 'num_embeddings'))}, ${fmt(attr(self, 'embedding_dim'))}`;
  if (attr(self, 'padding_idx') !== null) s += `, padding_idx=${fmt(attr(self, 'padding_idx'))}`;
  if (attr(self, 'max_norm') !== null) s += `, max_norm=${fmt(attr(self, 'max_norm'))}`;
  const nt = attr(self, 'norm_type');
  if ((nt instanceof PyFloat ? nt.v : nt) !== 2) s += `, norm_type=${fmt(nt)}`;
  if (attr(self, 'scale_grad_by_freq') !== false) s += `, scale_grad_by_freq=${fmt(attr(self, 'scale_grad_by_freq'))}`;
  if (attr(self, 'sparse') !== false) s += ', sparse=True';
  return s;
});
defineMethod(EmbeddingType, 'Embedding.forward(self, input)', async (self, v) => {
  const idx = tensorArg(v[1], 'embedding');
  const pad = attr(self, 'padding_idx');
  const maxNorm = attr(self, 'max_norm');
  return nnKernels().embedding(
    idx, required(await tensorAttr(self, 'weight'), 'embedding', 'weight', 2), pad === null ? null : asInt(pad, 'padding_idx'),
    maxNorm === null ? null : asFloat(maxNorm), asFloat(attr(self, 'norm_type')),
  );
});

/** `nn.Embedding.from_pretrained(embeddings, freeze=True, padding_idx=None, max_norm=None,
 * norm_type=2.0, scale_grad_by_freq=False, sparse=False)` — a classmethod. */
const fromPretrained = binder(
  'from_pretrained(cls, embeddings, freeze=True, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False)',
);
EmbeddingType.dict!.set(
  'from_pretrained',
  new PyClassMethod(
    new PyBuiltinFunction('from_pretrained', async (args, kwargs) => {
      const v = fromPretrained(args, kwargs).values;
      const w = v[1];
      if (!(w instanceof Tensor) || w.ndim !== 2) throw new PyError('AssertionError', 'Embeddings parameter is expected to be 2-dimensional');
      const kw = new Map<string, PyValue>([
        ['_weight', w], ['_freeze', v[2]], ['padding_idx', v[3]], ['max_norm', v[4]], ['norm_type', v[5]],
        ['scale_grad_by_freq', v[6]], ['sparse', v[7]],
      ]);
      return construct(v[0] as PyType, [w.shape[0], w.shape[1]], kw);
    }),
  ),
);
