# Interpreter bench: an attribute-heavy forward written in Python — each call of Net.forward reads
# 50 attributes (module attributes, floats, submodules' tensors) and runs small tensor ops on a
# [4, 8] input; 200 calls. Timed by bench/interp.ts through runScript and by time_cpython.py with
# real PyTorch in the oracle chroot.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)
        self.scale = 0.5
        self.shift = 0.1

    def forward(self, x):
        h = F.linear(x, self.fc.weight, self.fc.bias)
        return F.relu(h) * self.scale + self.shift


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b0 = Block()
        self.b1 = Block()
        self.b2 = Block()
        self.b3 = Block()
        self.b4 = Block()
        self.alpha = 0.9
        self.beta = 0.1

    def forward(self, x):
        # 5 blocks × (self.bK + fc + weight + fc + bias + scale + shift = 7 reads) = 35 reads,
        # plus 15 reads of alpha/beta below: 50 attribute reads per call.
        x = self.b0(x) * self.alpha + self.beta
        x = self.b1(x) * self.alpha + self.beta
        x = self.b2(x) * self.alpha + self.beta
        x = self.b3(x) * self.alpha + self.beta
        x = self.b4(x) * self.alpha + self.beta
        x = x * self.alpha + self.beta * self.alpha
        x = x - self.beta * self.alpha * self.beta
        return x


net = Net()
x = torch.randn(4, 8)
for _ in range(200):
    y = net(x)
print(y.shape)
