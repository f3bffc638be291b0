# nn.Transformer / TransformerDecoderLayer / TransformerDecoder (nn/ additions): construction
# order and init (the final xavier_uniform_ redraw), reprs, the square subsequent mask, forwards
# (post-norm, pre-norm, batch_first, masks) and a gradient.
import torch
import torch.nn as nn

dec_layer = nn.TransformerDecoderLayer(d_model=4, nhead=2, dim_feedforward=6, dropout=0.0)
print(dec_layer)
print(dec_layer.multihead_attn.in_proj_weight[0], dec_layer.linear1.bias)
tgt = torch.arange(3 * 2 * 4, dtype=torch.float32).reshape(3, 2, 4).sin()
mem = torch.arange(5 * 2 * 4, dtype=torch.float32).reshape(5, 2, 4).cos()
mask = nn.Transformer.generate_square_subsequent_mask(3)
print(mask)
out = dec_layer(tgt, mem, tgt_mask=mask)
print(out[1], out.grad_fn.name(), sep='\n')
dec = nn.TransformerDecoder(dec_layer, num_layers=2, norm=nn.LayerNorm(4))
print(len(dec.layers), dec.layers[1] is dec_layer, dec(tgt, mem)[0])
pre = nn.TransformerDecoderLayer(4, 2, 6, 0.0, norm_first=True, batch_first=True, activation='gelu')
print(pre(tgt.transpose(0, 1), mem.transpose(0, 1), tgt_is_causal=False)[0])
model = nn.Transformer(d_model=4, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=8, dropout=0.0)
print(model)
print([(k, tuple(v.shape)) for k, v in model.named_parameters()][:6], sum(p.numel() for p in model.parameters()))
print(model.encoder.layers[0].self_attn.in_proj_weight[:2], model.decoder.layers[0].linear2.weight[0], sep='\n')
y = model(mem, tgt, tgt_mask=mask)
print(y[2], y.grad_fn.name(), sep='\n')
(y * torch.arange(24.0).reshape(3, 2, 4)).sum().backward()
print(model.decoder.layers[0].linear1.bias.grad, model.encoder.norm.weight.grad, sep='\n')
