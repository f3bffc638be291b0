# Multi-head self-attention from scratch with view/transpose, causal mask and softmax.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

class SelfAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        k = k.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        v = v.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        mask = torch.tril(torch.ones(T, T)).view(1, 1, T, T)
        att = att.masked_fill(mask[:, :, :T, :T] == 0, float('-inf'))
        att = F.softmax(att, dim=-1)
        y = att @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.out(y), att

attn = SelfAttention(4, 2)
with torch.no_grad():
    attn.qkv.weight.copy_(torch.linspace(-1, 1, 48).reshape(12, 4))
    attn.qkv.bias.zero_()
    attn.out.weight.copy_(torch.eye(4))
    attn.out.bias.zero_()
x = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) / 10
y, att = attn(x)
print(y)
print(att[0, 1])
row_sums_text = str(att.sum(-1))
print(row_sums_text)
ref = F.scaled_dot_product_attention(
    *[t.view(2, 3, 2, 2).transpose(1, 2) for t in attn.qkv(x).split(4, dim=2)], is_causal=True)
print(torch.allclose(ref.transpose(1, 2).reshape(2, 3, 4), y, atol=1e-6))
