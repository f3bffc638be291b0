# Python features real scripts use: decorators (@torch.no_grad, @property, @staticmethod), dataclass-free configs, generators.
import torch
import torch.nn as nn

class Config:
    lr = 0.1
    hidden = 4

    def __repr__(self):
        return f"Config(lr={self.lr}, hidden={self.hidden})"

class Model(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.fc = nn.Linear(2, cfg.hidden)

    @property
    def num_params(self):
        return sum(p.numel() for p in self.parameters())

    @staticmethod
    def describe():
        return "a tiny model"

    @classmethod
    def build(cls):
        return cls(Config())

    def forward(self, x):
        return self.fc(x)

m = Model.build()
print(m.cfg, m.num_params, Model.describe())

@torch.no_grad()
def evaluate(model, x):
    return model(x).sum()

out = evaluate(m, torch.ones(1, 2))
print(out.requires_grad)

def batches(n, size):
    for i in range(0, n, size):
        yield list(range(i, min(i + size, n)))

print(list(batches(7, 3)))
total = sum(len(b) for b in batches(10, 4))
print(total)
with torch.no_grad():
    for name, p in m.named_parameters():
        p.zero_()
print(all(p.abs().sum() == 0 for p in m.parameters()))
sq = {k: v ** 2 for k, v in zip("abc", range(3))}
print(sq, sorted(sq.items(), key=lambda kv: -kv[1]))
first, *rest = [3, 1, 2]
print(first, rest, max(rest), min([4, 2], default=0))
print(isinstance(m, nn.Module), isinstance(m.fc.weight, torch.Tensor), isinstance(m.fc.weight, nn.Parameter))
print(getattr(m, 'missing', 'default'), hasattr(m, 'fc'))
