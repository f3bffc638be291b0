# A parametrized weight answers to two keys. 'parametrizations.weight.original'
# feeds the parametrization: the weight used stays symmetric (or orthogonal).
# The docs say the plain 'weight' key disables the parametrization; in
# PyTorch 2.6 it goes through right_inverse instead - an error when there is
# none, and for orthogonal() a projection onto the orthogonal matrices.
import torch
import torch.nn as nn
import torch.nn.utils.parametrize as parametrize
from torch.nn.utils.parametrizations import orthogonal
from torch.func import functional_call


class Symmetric(nn.Module):
    def forward(self, X):
        return (X + X.transpose(0, 1)) / 2


sym = nn.Linear(2, 2, bias=False)
parametrize.register_parametrization(sym, "weight", Symmetric())
x = torch.tensor([[1.0, 0.0]])
w = torch.tensor([[1.0, 2.0], [3.0, 4.0]])

print(functional_call(sym, {'parametrizations.weight.original': w}, (x,)))
try:
    functional_call(sym, {'weight': w}, (x,))
except RuntimeError as e:
    print(e)

rot = orthogonal(nn.Linear(2, 2, bias=False))
out = functional_call(rot, {'weight': w}, (x,))
print(out.norm())
out = functional_call(rot, {'parametrizations.weight.original': w}, (x,))
print(f"{out.norm().item():.4f}")
