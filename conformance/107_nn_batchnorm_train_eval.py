# BatchNorm1d / BatchNorm2d behavior in train vs eval mode.
import torch
import torch.nn as nn

bn = nn.BatchNorm1d(3)
print(bn)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
x = torch.arange(12, dtype=torch.float32).reshape(4, 3)
out = bn(x)
print(out)
print(bn.running_mean)
print(bn.running_var)
print(bn.num_batches_tracked)
bn.eval()
print(bn.training)
print(bn(x))
bn.train()
bn(x * 2)
print(bn.running_mean, bn.num_batches_tracked.item())
print(list(bn.state_dict().keys()))

bn2 = nn.BatchNorm2d(2, momentum=None, affine=False)
img = torch.arange(16, dtype=torch.float32).reshape(2, 2, 2, 2)
sums = bn2(img).sum(dim=(0, 2, 3))
sums_text = str(sums)
print(sums_text)
print(bn2.running_mean, bn2.running_var)
print(bn2.weight, list(bn2.parameters()))
try:
    bn(torch.ones(1, 3))
except ValueError as e:
    print("ValueError:", e)
bn.eval()
print(bn(torch.ones(1, 3)))
