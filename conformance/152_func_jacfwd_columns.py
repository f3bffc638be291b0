# jacfwd builds the Jacobian column by column in forward order, as PyTorch's forward-mode AD does:
# the signs of structural zeros (0 * cos(x) where cos(x) < 0) print as PyTorch prints them.
import torch
from torch.func import jacfwd, jacrev, vmap
torch.manual_seed(0)
x = torch.randn(4)
f = lambda t: torch.sin(t) * 2
print(jacfwd(f)(x))
print(jacrev(f)(x))
W = torch.randn(3, 4)
g = lambda t: torch.tanh(W @ t)
print(jacfwd(g)(x))
print(jacfwd(lambda a, b: (a * b).sum(), argnums=(0, 1))(x, x + 1))
print(vmap(jacfwd(torch.sin))(torch.randn(2, 3)))
print(jacfwd(lambda t: (t.exp(), t.cos()), has_aux=False)(x[:2]))
