# spectral_norm keeps its power-iteration vectors as buffers of the
# parametrization (_u and _v). Under strict=True they are keys like any
# other: leave them out and the call fails before forward.
import torch
import torch.nn as nn
from torch.nn.utils.parametrizations import spectral_norm
from torch.func import functional_call

layer = spectral_norm(nn.Linear(3, 2))
print([k for k, _ in layer.named_buffers()])
x = torch.ones(1, 3)

try:
    functional_call(layer, dict(layer.named_parameters()), (x,), strict=True)
except RuntimeError as e:
    print(e)

state = {**dict(layer.named_parameters()), **dict(layer.named_buffers())}
out = functional_call(layer, state, (x,), strict=True)
print(out.shape)
