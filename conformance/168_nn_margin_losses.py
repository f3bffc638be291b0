# The margin and embedding losses as nn modules: MarginRankingLoss, HingeEmbeddingLoss,
# CosineEmbeddingLoss, TripletMarginLoss (options, reduction, the legacy size_average with its
# deprecation warning, forward through F); HuberLoss honours reduction (it used to take the mean).
import torch
import torch.nn as nn
torch.manual_seed(0)
a, p, n = torch.randn(4, 5, requires_grad=True), torch.randn(4, 5), torch.randn(4, 5)
y = torch.tensor([1., -1., 1., -1.])
losses = [nn.MarginRankingLoss(margin=0.2), nn.HingeEmbeddingLoss(), nn.CosineEmbeddingLoss(0.1, reduction='sum'), nn.TripletMarginLoss(margin=0.5), nn.TripletMarginLoss(swap=True, reduction='none'), nn.MarginRankingLoss(size_average=False), nn.MSELoss(reduce=False)]
print(losses)
print([l.reduction for l in losses])
print(losses[0](a[:, 0], p[:, 0], y), losses[1](a[:, 0], y), losses[2](a, p, y))
t = losses[3](a, p, n)
t.backward()
print(t, a.grad[0], losses[4](a, p, n).shape, losses[5](a[:, 0], p[:, 0], y))
del losses

for r in ['mean', 'sum', 'none']:
    print(nn.HuberLoss(reduction=r, delta=1.0)(torch.tensor([0.0, 2.0, 5.0]), torch.zeros(3)))
