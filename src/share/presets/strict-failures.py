# strict=True asks for every parameter and buffer, and nothing else.
# A missing key and a typo both fail before forward runs; the error lists
# them the way load_state_dict does. A full dict passes.
import torch
import torch.nn as nn
from torch.func import functional_call

model = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
x = torch.ones(1, 2)

try:
    functional_call(model, {'0.weight': torch.eye(2), '2.wieght': torch.ones(1, 2)}, (x,), strict=True)
except RuntimeError as e:
    print(e)

full = {k: torch.ones_like(v) for k, v in model.named_parameters()}
out = functional_call(model, full, (x,), strict=True)
print(out)
