# A training script as users write it: a Python Dataset subclass (noisy points on a curve), split
# with random_split into train/validation, a shuffled DataLoader (reshuffled every epoch from the
# global generator), a small MLP trained with Adam, and a validation pass with a plain DataLoader.
# Prints the sample indices of every batch and the losses, so the shuffle order, the per-epoch
# reshuffle and the training arithmetic are all checked.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import Dataset, DataLoader, random_split

torch.manual_seed(0)


class Curve(Dataset):
    def __init__(self, n):
        self.x = torch.linspace(-2, 2, n).unsqueeze(1)
        self.y = torch.sin(2 * self.x) + 0.1 * torch.randn(n, 1)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        return {'x': self.x[idx], 'y': self.y[idx], 'idx': idx}


data = Curve(24)
train_set, val_set = random_split(data, [18, 6])
print('train indices', train_set.indices)
print('val indices', val_set.indices)

train_loader = DataLoader(train_set, batch_size=5, shuffle=True)
val_loader = DataLoader(val_set, batch_size=4)
print('batches per epoch', len(train_loader), len(val_loader))

model = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.05)

history = []
for epoch in range(3):
    model.train()
    for step, batch in enumerate(train_loader):
        pred = model(batch['x'])
        loss = F.mse_loss(pred, batch['y'])
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(f"epoch {epoch} step {step} idx {batch['idx'].tolist()} loss {loss.item():.5f}")
    model.eval()
    with torch.no_grad():
        total, count = 0.0, 0
        for batch in val_loader:
            total += F.mse_loss(model(batch['x']), batch['y'], reduction='sum').item()
            count += len(batch['idx'])
    history.append(total / count)
    print(f'epoch {epoch} val {history[-1]:.5f}')

first = next(iter(train_loader))
print('first batch keys', sorted(first), first['x'].shape, first['idx'].dtype)
after = torch.rand(3)
weights = model[0].weight.detach().clone()
del data, train_set, val_set, train_loader, val_loader  # objects whose repr holds an address
