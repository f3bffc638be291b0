# `from __future__ import annotations`: annotations stay as their source text — in modules,
# classes (what @dataclass reads) and functions — so forward references need no quotes.
from __future__ import annotations
from dataclasses import dataclass, field, fields
import torch
import torch.nn as nn

@dataclass
class TrainConfig:
    hidden: int = 8
    lr: float = 1e-2
    layers: list[int] = field(default_factory=lambda: [4, 4])
    head: Head | None = None

class Head(nn.Module):
    scale: float

    def __init__(self, cfg: TrainConfig) -> None:
        super().__init__()
        self.proj = nn.Linear(cfg.hidden, 2)
        self.scale = 0.5

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x) * self.scale

cfg = TrainConfig()
print(cfg)
print([(f.name, f.type) for f in fields(TrainConfig)])
print(TrainConfig.__annotations__)
print(Head.__annotations__, Head.forward.__annotations__, Head.__init__.__annotations__)
torch.manual_seed(0)
head = Head(cfg)
out = torch.func.functional_call(head, {'proj.bias': torch.zeros(2)}, (torch.ones(1, 8),))
print(out)
limit: int = 3
print(__annotations__)
