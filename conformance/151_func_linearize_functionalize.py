# The rest of torch.func: linearize (jvp at fixed primals, reusable), functionalize (same results,
# mutations of inputs still happen) and replace_all_batch_norm_modules_ (so vmap can run a model
# with BatchNorm without in-place running-stat updates).
import torch
import torch.nn as nn
from torch.func import functional_call, functionalize, linearize, replace_all_batch_norm_modules_, vmap

torch.manual_seed(0)
x = torch.randn(3)
out, jvp_fn = linearize(torch.sin, x)
print(out, jvp_fn(torch.ones(3)), jvp_fn(torch.tensor([1.0, 0.0, 0.0])))
out2, jvp2 = linearize(lambda t: t ** 2 + 3 * t, x)
print(out2, jvp2(torch.ones(3)))

def scale_in_place(a):
    b = a.clone()
    b.mul_(2)
    a.add_(1)
    return b

a = torch.zeros(2)
print(functionalize(scale_in_place)(a), a)
print(functionalize(scale_in_place, remove='mutations_and_views')(torch.ones(2)))

model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1))
replace_all_batch_norm_modules_(model)
bn = model[1]
print(bn, bn.running_mean, bn.running_var, bn.num_batches_tracked, bn.track_running_stats)
print(sorted(model.state_dict().keys()))
params = {k: v.detach() for k, v in model.named_parameters()}
batches = torch.randn(5, 2, 3)
print(vmap(lambda b: functional_call(model, params, (b,)))(batches).squeeze(-1))
