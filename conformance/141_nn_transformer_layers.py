# Built-in transformer pieces people paste: MultiheadAttention, TransformerEncoderLayer.
import torch
import torch.nn as nn

torch.manual_seed(0)
mha = nn.MultiheadAttention(embed_dim=4, num_heads=2, batch_first=True)
print(mha)
x = torch.randn(1, 3, 4)
out, w = mha(x, x, x)
print(out.shape, w.shape)
print(w)
layer = nn.TransformerEncoderLayer(d_model=4, nhead=2, dim_feedforward=8, dropout=0.0, batch_first=True)
print(sum(p.numel() for p in layer.parameters()))
print(layer(x).shape)
