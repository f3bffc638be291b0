# Checkpointing as training scripts do it: train a few steps, torch.save the model and optimizer
# state_dicts (plus epoch and loss) in one dict, torch.load it into a fresh model and optimizer,
# and continue — the resumed run matches the uninterrupted one step for step. Then the PyTorch 2.6
# default weights_only=True refusing a whole pickled module (and loading it with
# weights_only=False), a checkpoint through io.BytesIO, and os seeing the file.
import io
import os
import torch
import torch.nn as nn
import torch.nn.functional as F

CKPT = 'ckpt_154.pt'

def make_model():
    return nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))

torch.manual_seed(0)
X = torch.randn(16, 4)
Y = X.sum(dim=1, keepdim=True).sin()

def train(model, opt, steps):
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = F.mse_loss(model(X), Y)
        loss.backward()
        opt.step()
        losses.append(round(loss.item(), 6))
    return losses

model = make_model()
opt = torch.optim.Adam(model.parameters(), lr=0.05)
print('first', train(model, opt, 5))
torch.save({'epoch': 5, 'model': model.state_dict(), 'optimizer': opt.state_dict(), 'loss': 0.5}, CKPT)
print(os.path.exists(CKPT), CKPT in os.listdir('.'))

torch.manual_seed(123)
model2 = make_model()
opt2 = torch.optim.Adam(model2.parameters(), lr=0.05)
ckpt = torch.load(CKPT)
print(sorted(ckpt), ckpt['epoch'], ckpt['loss'])
print(model2.load_state_dict(ckpt['model']))
opt2.load_state_dict(ckpt['optimizer'])
print(opt2.state_dict()['param_groups'][0]['lr'], opt2.state[model2[0].weight]['step'])
del ckpt  # its optimizer state has int keys: the dump would compare it by repr, to the last digit
same = all(torch.equal(a, b) for a, b in zip(model.parameters(), model2.parameters()))
print('restored equal', same)

cont = train(model, opt, 3)
resumed = train(model2, opt2, 3)
print('continued', cont)
print('resumed  ', resumed, cont == resumed)
w_after = model2[0].weight.detach().clone()

# A whole module: PyTorch 2.6 refuses it by default.
torch.save(model, CKPT)
try:
    torch.load(CKPT)
except Exception as e:
    err = e
    print(type(e).__name__, str(e).splitlines()[-3])
whole = torch.load(CKPT, weights_only=False)
print(type(whole).__name__, whole[0].weight is model[0].weight, torch.equal(whole[2].bias, model[2].bias))
out_whole = whole(X[:2])

# Through an in-memory buffer.
buf = io.BytesIO()
torch.save(model2.state_dict(), buf)
buf.seek(0)
sd = torch.load(buf, map_location='cpu')
del buf
print(list(sd), sd['0.weight'].requires_grad)

os.remove(CKPT)
print(os.path.exists(CKPT))
