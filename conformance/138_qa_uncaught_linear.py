# A script that ends with an uncaught shape error deep inside a model's forward.
import torch
import torch.nn as nn

class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(16, 2))

    def forward(self, x):
        return self.net(x)

model = MLP()
x = torch.ones(3, 4)
print("before")
out = model(x)
print("after")
