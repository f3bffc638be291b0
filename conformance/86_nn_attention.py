# Attention layers (nn/ additions): MultiheadAttention's parameters (names, order, init draws,
# versions) for packed and separate projections, bias_k/bias_v and zero attention, masks (bool,
# float, key padding, causal), need_weights / average_attn_weights, unbatched and batch_first
# inputs, gradients, functional_call over it; TransformerEncoderLayer (post/pre-norm, gelu) and
# TransformerEncoder.
import torch
import torch.nn as nn
from torch.func import functional_call

mha = nn.MultiheadAttention(4, 2)
print([(k, tuple(v.shape), v._version) for k, v in mha.named_parameters()])
print(mha.in_proj_weight[:2], mha.out_proj.weight[0], mha.out_proj.bias, mha.q_proj_weight, mha.bias_k)
sep = nn.MultiheadAttention(4, 1, kdim=3, vdim=2, add_bias_kv=True, add_zero_attn=True, bias=False)
print(sep, [(k, tuple(v.shape)) for k, v in sep.named_parameters()], sep.bias_k, sep._qkv_same_embed_dim)

q = torch.arange(3 * 2 * 4, dtype=torch.float32).reshape(3, 2, 4).sin()
k = torch.arange(5 * 2 * 4, dtype=torch.float32).reshape(5, 2, 4).cos()
out, w = mha(q, k, k)
print(out[0], w[1], sep='\n')
out, w = mha(q, q, q, need_weights=False)
print(out[2], w)
out, w = mha(q, k, k, average_attn_weights=False)
print(w.shape, w[0, 1])
causal = torch.triu(torch.ones(3, 3, dtype=torch.bool), 1)
out, w = mha(q, q, q, attn_mask=causal)
print(w[0], out[1], sep='\n')
fmask = torch.tensor([[0.0, -1.0, 0.5, 0.0, 0.0]] * 3)
pad = torch.tensor([[False, False, True, False, True], [False, True, False, False, False]])
out, w = mha(q, k, k, attn_mask=fmask, key_padding_mask=pad)
print(w[0], w[1], sep='\n')
out, w = mha(q[:, 0], k[:, 0], k[:, 0])
print(out.shape, w.shape, out[1])
out, w = sep(q, k[:, :, :3], k[:, :, :2])
print(out[1], w.shape, w[0], sep='\n')
bf = nn.MultiheadAttention(4, 2, batch_first=True)
out, w = bf(q.transpose(0, 1), q.transpose(0, 1), q.transpose(0, 1))
print(out.shape, out[0, 0], w.grad_fn.name())

qq = q.clone().requires_grad_()
out, w = mha(qq, qq, qq)
(out.sum() + w[0, 0, 0]).backward()
print(qq.grad[0], mha.in_proj_weight.grad[4:6], mha.out_proj.bias.grad, sep='\n')

zeros = {k: torch.zeros_like(v) for k, v in mha.named_parameters()}
zeros['in_proj_weight'] = torch.full_like(mha.in_proj_weight, 0.1)
fo, fw = functional_call(mha, zeros, (q, q, q))
print(fo[0], fw[0], mha.in_proj_weight._version, sep='\n')

layer = nn.TransformerEncoderLayer(d_model=4, nhead=2, dim_feedforward=8, dropout=0.0)
print(layer, sum(p.numel() for p in layer.parameters()))
print(layer(q)[1])
pre = nn.TransformerEncoderLayer(4, 2, 6, 0.0, activation='gelu', norm_first=True, batch_first=True)
print(pre(q.transpose(0, 1))[0], pre.activation, pre.norm_first, sep='\n')
enc = nn.TransformerEncoder(layer, num_layers=2)
print(enc.layers[0] is layer, enc.layers[0].linear1.weight is layer.linear1.weight, len(enc.layers), enc.norm)
print(enc(q, src_key_padding_mask=torch.tensor([[False, False, True], [False, False, False]]))[0])
