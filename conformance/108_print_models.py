# Printing models: nested Sequential, ModuleList/Dict, extra_repr of many layers.
import torch
import torch.nn as nn

class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, kernel_size=3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(c)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU())
        self.blocks = nn.ModuleList([Block(8) for _ in range(2)])
        self.heads = nn.ModuleDict({'cls': nn.Linear(8, 10), 'reg': nn.Linear(8, 1)})
        self.drop = nn.Dropout(p=0.25)
        self.norm = nn.LayerNorm(8)
        self.emb = nn.Embedding(100, 8, padding_idx=0)
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.flat = nn.Flatten()
        self.gelu = nn.GELU()
        self.sm = nn.Softmax(dim=-1)
        self.mp = nn.MaxPool2d(2)
        self.ident = nn.Identity()
        self.lrelu = nn.LeakyReLU(0.2)

net = Net()
print(net)
print(nn.Sequential())
print(nn.Linear(2, 3, bias=False))
print(nn.Conv1d(4, 8, 5, stride=2, padding=2, dilation=1, groups=2))
print(nn.Dropout())
print(nn.BatchNorm1d(4, eps=1e-3, momentum=0.2, affine=False, track_running_stats=False))
print(nn.LayerNorm([4, 5], elementwise_affine=False))
print(nn.Tanh(), nn.Sigmoid(), nn.CrossEntropyLoss(), nn.MSELoss(reduction='sum'))
print(sum(p.numel() for p in net.parameters()))
print(repr(net.blocks[0].bn))
