# Common mistakes and the exact errors PyTorch gives.
import torch
import torch.nn as nn

errors = []


def show(f):
    try:
        f()
    except Exception as e:
        errors.append(f"{type(e).__name__}: {e}")
        print(errors[-1])

lin = nn.Linear(4, 2)
show(lambda: lin(torch.ones(3, 5)))
show(lambda: torch.ones(2, 3) @ torch.ones(2, 3))
show(lambda: torch.arange(6).reshape(2, 3) @ torch.ones(3, 2))
show(lambda: lin(torch.arange(4)))
show(lambda: torch.ones(3) + torch.ones(4))
show(lambda: torch.mm(torch.ones(2), torch.ones(2)))
show(lambda: torch.ones(2, 2).view(3))
show(lambda: nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0.0, 1.0])))
show(lambda: nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0, 3])))
show(lambda: nn.functional.mse_loss(torch.ones(2), torch.ones(2, dtype=torch.long)))
show(lambda: torch.tensor([1, 2]).float().item())
show(lambda: torch.ones(2, 2).numpy() if False else torch.tensor([[1, 2], [3]]))
show(lambda: torch.zeros(2, 3).t().view(6))
show(lambda: nn.Linear(2, 2)(torch.ones(2, 2, dtype=torch.float64)))
show(lambda: torch.cat([torch.ones(2), torch.ones(2, 2)]))
show(lambda: torch.ones(2).to('cuda'))
show(lambda: torch.randn(2, 3).sum(dim=3))
show(lambda: torch.nn.Conv2d(3, 4, 3)(torch.ones(1, 2, 5, 5)))
show(lambda: nn.Embedding(5, 2)(torch.tensor([5])))
show(lambda: nn.Embedding(5, 2)(torch.tensor([1.0])))
