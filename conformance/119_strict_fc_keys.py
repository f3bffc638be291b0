# functional_call key mistakes: typos, missing prefix, strict=True failures on a real model.
import torch
import torch.nn as nn
from torch.func import functional_call

class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 2))
        self.norm = nn.LayerNorm(2)

    def forward(self, x):
        return self.norm(self.layers(x))

enc = Encoder()
with torch.no_grad():
    for i, p in enumerate(enc.parameters()):
        p.copy_(torch.linspace(-1, 1, p.numel()).reshape(p.shape) * (i + 1))
x = torch.tensor([[1.0, 2.0]])
print(enc(x))
print(list(dict(enc.named_parameters()).keys()))
out = functional_call(enc, {'layers.0.weight': torch.zeros(3, 2)}, (x,))
print(out)
try:
    functional_call(enc, {'layer.0.weight': torch.zeros(3, 2)}, (x,))
except AttributeError as e:
    print("AttributeError:", e)
try:
    functional_call(enc, {'layers.0.weight': torch.zeros(3, 2)}, (x,), strict=True)
except RuntimeError as e:
    print(e)
try:
    functional_call(enc, {'0.weight': torch.zeros(3, 2)}, x, strict=True)
except RuntimeError as e:
    print(e)
try:
    functional_call(enc, {'layers.0.weight': torch.zeros(2, 3)}, (x,))
except RuntimeError as e:
    print(e)
full = {k: v.detach().clone() for k, v in enc.named_parameters()}
print(functional_call(enc, full, (x,), strict=True))
try:
    functional_call(enc, {'layers.0': torch.zeros(3, 2)}, (x,))
except Exception as e:
    print(type(e).__name__, e)
try:
    functional_call(enc, {'layers.0.weight': [[0.0, 0.0]] * 3}, (x,))
except Exception as e:
    print(type(e).__name__, e)
functional_call(enc, {'layers.0.weight': torch.zeros(3, 2)}, (x,), strict=True)
