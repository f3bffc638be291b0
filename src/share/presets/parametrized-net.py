# A parametrized weight, a shared submodule and BatchNorm in one network.
# 'dec.parametrizations.weight.original' is what the Symmetric parametrization
# reads. BatchNorm's running stats are not in the dict, so in train mode the
# call updates the module's own buffers in place. And a real PyTorch 2.6 quirk:
# 'enc.bias' is tied to 'shared.bias' (one submodule, two names); restore runs
# in key order, so the second name puts the override back - the module keeps
# your zeros. The inspector shows exactly what was not restored.
import torch
import torch.nn as nn
import torch.nn.utils.parametrize as parametrize
from torch.func import functional_call


class Symmetric(nn.Module):
    def forward(self, X):
        return (X + X.transpose(0, 1)) / 2


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(3, 3)
        self.dec = nn.Linear(3, 3)
        self.shared = self.enc
        self.bn = nn.BatchNorm1d(3)

    def forward(self, x):
        return self.bn(self.dec(self.shared(x)))


net = Net()
parametrize.register_parametrization(net.dec, "weight", Symmetric())
x = torch.randn(4, 3)

out = functional_call(net, {'enc.bias': torch.zeros(3), 'dec.parametrizations.weight.original': torch.eye(3)}, (x,))
print(out)
print(net.bn.running_mean)
