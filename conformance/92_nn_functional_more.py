# More F.* counterparts of nn/ layers (nn/ additions): instance_norm (values to 2 decimals: the
# last float32 bit of the batch-norm path may differ), bilinear, in-place activations,
# adaptive_max_pool1d.
import torch
import torch.nn.functional as F
x = torch.arange(2*3*4, dtype=torch.float32).reshape(2, 3, 4).sin()
print(F.instance_norm(x).mul(100).round(), F.instance_norm(x, weight=torch.tensor([1.0, 2.0, 3.0]), bias=torch.zeros(3))[1].mul(100).round())
rm = torch.zeros(3); rv = torch.ones(3)
print(F.instance_norm(x, rm, rv)[0, 0].mul(100).round(), rm, rv)
w = torch.arange(2*3*2, dtype=torch.float32).reshape(2, 3, 2) * 0.1
print(F.bilinear(torch.ones(4, 3), torch.ones(4, 2) * 0.5, w, torch.tensor([1.0, -1.0])))
t = torch.tensor([-2.0, -0.5, 0.5, 2.0])
print(F.relu_(t.clone()), F.elu_(t.clone()), F.leaky_relu_(t.clone(), 0.2), F.hardtanh_(t.clone()))
print(F.adaptive_max_pool1d(x, 2), F.adaptive_max_pool1d(x, 3, return_indices=True)[1])
