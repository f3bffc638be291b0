# Built-in parametrizations: weight_norm, spectral_norm, orthogonal — names, shapes, values.
import torch
import torch.nn as nn
from torch.nn.utils import parametrizations, parametrize

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[3.0, 0.0, 4.0], [0.0, 1.0, 0.0]]))
wn = parametrizations.weight_norm(lin)
print(wn)
print([n for n, _ in wn.named_parameters()])
print(wn.parametrizations.weight.original0)
print(wn.parametrizations.weight.original1)
print(wn.weight)

lin2 = nn.Linear(3, 3)
with torch.no_grad():
    lin2.weight.copy_(torch.diag(torch.tensor([2.0, 1.0, 0.5])))
sn = parametrizations.spectral_norm(lin2)
print([n for n, _ in sn.named_buffers()])
print(torch.linalg.matrix_norm(sn.weight, ord=2) if False else sn.weight.abs().max())
print(sn.parametrizations.weight[0])

lin3 = nn.Linear(4, 4)
orth = parametrizations.orthogonal(lin3)
W = orth.weight
print(torch.allclose(W @ W.T, torch.eye(4), atol=1e-5))
print(type(orth.parametrizations.weight[0]).__name__)
print(sorted(orth.state_dict().keys()))
print(parametrize.is_parametrized(orth))
parametrize.remove_parametrizations(orth, 'weight')
print(sorted(orth.state_dict().keys()), orth.weight.shape)
