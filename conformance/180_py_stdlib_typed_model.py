# A typed, config-driven script as people paste them: `from __future__ import annotations`,
# typing-annotated nn.Module, a @dataclass config (defaults, default_factory, frozen variant,
# replace/asdict), NamedTuple / namedtuple outputs, functools.partial and lru_cache, itertools and
# collections helpers, a seeded `random` pick, and torch.func.functional_call with overrides built
# from those pieces. Checks the standard-library modules (typing, dataclasses, collections,
# functools, itertools, random, operator, math) together with functional_call.
from __future__ import annotations

import math
import random
from collections import OrderedDict, defaultdict, namedtuple, deque, Counter
from dataclasses import dataclass, field, asdict, replace, fields, FrozenInstanceError
from functools import partial, lru_cache, reduce
from itertools import product, chain, islice, count
from typing import Dict, List, NamedTuple, Optional, Tuple
import operator

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call


@dataclass
class ModelConfig:
    in_features: int
    hidden: int = 8
    out_features: int = 3
    dropout: float = 0.0
    activation: str = 'relu'
    layer_sizes: List[int] = field(default_factory=list)


@dataclass(frozen=True)
class CallSpec:
    tie_weights: bool = True
    strict: bool = False


class Output(NamedTuple):
    logits: torch.Tensor
    hidden: torch.Tensor
    loss: Optional[torch.Tensor] = None


Stats = namedtuple('Stats', ['mean', 'std'])


class TypedMLP(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        sizes: List[int] = [cfg.in_features] + (cfg.layer_sizes or [cfg.hidden])
        layers: OrderedDict[str, nn.Module] = OrderedDict()
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
            layers[f'fc{i}'] = nn.Linear(a, b)
            layers[f'act{i}'] = nn.ReLU() if cfg.activation == 'relu' else nn.Tanh()
        self.body = nn.Sequential(layers)
        self.head = nn.Linear(sizes[-1], cfg.out_features)

    def forward(self, x: torch.Tensor, target: Optional[torch.Tensor] = None) -> Output:
        h = self.body(x)
        logits = self.head(h)
        loss = F.cross_entropy(logits, target) if target is not None else None
        return Output(logits, h, loss)


cfg = ModelConfig(in_features=4, layer_sizes=[6, 5])
print(cfg)
print([f.name for f in fields(ModelConfig)])
cfg2 = replace(cfg, activation='tanh', layer_sizes=[])
print(cfg2, cfg == cfg2, asdict(cfg2)['hidden'])

model = TypedMLP(cfg)
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (i + 1) / 4)
print(model)

x = torch.arange(8.0).reshape(2, 4) / 8
target = torch.tensor([0, 2])
out = model(x, target)
print(type(out).__name__, out._fields, out.logits.shape, round(out.loss.item(), 4))

# Overrides: a dict comprehension over named_parameters, scaled by a partial.
scale = partial(torch.mul, other=0.5)
overrides: Dict[str, torch.Tensor] = {k: scale(v) for k, v in model.named_parameters() if k.startswith('head')}
spec = CallSpec()
try:
    spec.strict = True
except FrozenInstanceError as e:
    print('frozen:', e)
out2: Output = functional_call(model, overrides, (x,), {'target': target}, tie_weights=spec.tie_weights, strict=spec.strict)
print(out2.logits)
print(torch.allclose(out2.hidden, out.hidden), round(out2.loss.item(), 4))
print(torch.equal(model.head.weight, dict(model.named_parameters())['head.weight']))

# Summaries with collections / functools / itertools / operator.
numels = {k: v.numel() for k, v in model.state_dict().items()}
by_kind = defaultdict(int)
for k, n in numels.items():
    by_kind[k.rsplit('.', 1)[-1]] += n
print(dict(by_kind), reduce(operator.add, numels.values()), sum(numels.values()))
print(Counter(k.split('.')[0] for k in numels).most_common())
st = Stats(mean=out2.logits.mean().item(), std=out2.logits.std().item())
print(Stats._fields, round(st.mean, 4), round(st.std, 4), st._replace(std=0.0)._asdict()['std'])


@lru_cache(maxsize=None)
def width(depth: int) -> int:
    return 4 if depth == 0 else width(depth - 1) * 2


print([width(d) for d in range(5)], width.cache_info().hits)
grid = list(product([0.1, 0.01], ['relu', 'tanh']))
print(grid, list(islice(count(1, 3), 4)), list(chain.from_iterable([[1], [2, 3]])))
window = deque(maxlen=3)
for v in out2.logits.flatten().tolist():
    window.append(round(v, 3))
print(window, math.prod(window.maxlen for _ in range(2)))

random.seed(1234)
lr, act = random.choice(grid)
picked = random.sample(sorted(numels), 2)
print(lr, act, picked, random.randint(0, 100), round(random.uniform(-1, 1), 6))
cfg3 = replace(cfg, activation=act)
m3 = TypedMLP(cfg3)
m3.load_state_dict(model.state_dict())
res = functional_call(m3, dict(islice(model.named_parameters(), 2)), (x,))
print(res.logits - out.logits if act == 'relu' else res.logits)
summary: Tuple[int, ...] = tuple(p.numel() for p in m3.parameters())
print(summary)
