# Masked operations: masked_fill for attention masks, where, masked_select, clamp, nonzero.
import torch

scores = torch.arange(16, dtype=torch.float32).reshape(4, 4) / 4
mask = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
print(mask)
masked = scores.masked_fill(mask, float('-inf'))
print(masked)
print(torch.softmax(masked, dim=-1))
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
print(torch.where(x > 0, x, torch.zeros_like(x)))
print(torch.where(x > 0, x, 0.0))
print(torch.where(x < 0))
print(x.masked_select(x.abs() > 0.4))
print(x.clamp(-1, 1), x.clamp(min=0), torch.clip(x, max=0.1))
print(torch.nonzero(x), (x != 0).nonzero(as_tuple=True))
y = x.clone()
y.masked_fill_(y < 0, 0)
print(y)
y[y > 1] = 1
print(y)
seq_lens = torch.tensor([3, 1, 2])
pad_mask = torch.arange(4)[None, :] < seq_lens[:, None]
print(pad_mask)
vals = torch.arange(12, dtype=torch.float32).reshape(3, 4)
print((vals * pad_mask).sum(1) / pad_mask.sum(1))
print(vals.masked_fill(~pad_mask, 0).sum(1))
print(torch.isnan(torch.tensor([1.0, float('nan')])), torch.isinf(masked).sum())
print(torch.nan_to_num(torch.tensor([float('nan'), float('inf'), -float('inf'), 1.0])))
try:
    vals.masked_fill(pad_mask.int(), 0)
except RuntimeError as e:
    print("RuntimeError:", e)
