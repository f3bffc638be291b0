# Per-sample gradients over DataLoader batches: a TensorDataset shuffled with its own generator,
# each batch fed to torch.func (vmap of grad of a functional_call loss) to get one gradient per
# sample, checked against a plain loop of per-sample backward passes; then the mean of the
# per-sample gradients drives a hand-written SGD step on the parameter dict. Also a collate_fn
# that builds the override dict's inputs, drop_last, and batch_size=None (samples one by one).
import torch
import torch.nn as nn
from torch.func import functional_call, grad, vmap
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
X = torch.randn(10, 3)
Y = X.sum(dim=1, keepdim=True) + 0.05 * torch.randn(10, 1)
ds = TensorDataset(X, Y)
g = torch.Generator().manual_seed(7)
loader = DataLoader(ds, batch_size=4, shuffle=True, generator=g, drop_last=True)
print('batches', len(loader))

params = {k: v.detach() for k, v in model.named_parameters()}


def sample_loss(p, x, y):
    out = functional_call(model, p, (x.unsqueeze(0),))
    return ((out - y.unsqueeze(0)) ** 2).mean()


per_sample = vmap(grad(sample_loss), in_dims=(None, 0, 0))
for epoch in range(2):
    for xb, yb in loader:
        grads = per_sample(params, xb, yb)
        norms = torch.stack([grads[k].flatten(1).norm(dim=1) for k in grads]).sum(0)
        loop = []
        for i in range(len(xb)):
            gi = grad(sample_loss)(params, xb[i], yb[i])
            loop.append(sum(gi[k].norm() for k in gi))
        agree = torch.allclose(norms, torch.stack(loop), atol=1e-5)
        params = {k: params[k] - 0.1 * grads[k].mean(0) for k in params}
        with torch.no_grad():
            loss = ((functional_call(model, params, (X,)) - Y) ** 2).mean()
        print(f'epoch {epoch} norms {[round(v, 4) for v in norms.tolist()]} agree {agree} loss {loss.item():.5f}')

print('generator after', torch.randint(0, 100, (3,), generator=g))
print('module untouched', all(torch.equal(v, dict(model.named_parameters())[k]) for k, v in model.state_dict().items()))


def to_call(batch):
    xs = torch.stack([x for x, _ in batch])
    ys = torch.stack([y for _, y in batch])
    return {'inputs': (xs,), 'targets': ys}


for b in DataLoader(ds, batch_size=5, collate_fn=to_call):
    out = functional_call(model, params, b['inputs'])
    print('collated call', out.shape, round(((out - b['targets']) ** 2).mean().item(), 4))

singles = [functional_call(model, params, (x.unsqueeze(0),)).item() for x, _ in DataLoader(ds, batch_size=None)]
print('singles', len(singles), round(sum(singles), 4))
final = {k: v.clone() for k, v in params.items()}
del ds, g, loader, per_sample  # objects whose repr holds an address
