# Dropout in training: gradients flow through the mask (MulBackward0 saving the mask; alpha
# dropout adds AddBackward0 on top), for F.dropout, dropout1d/2d/3d, alpha and feature-alpha
# dropout and their nn layers, drawing the same masks as PyTorch.
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
for name, f, shape in [('dropout', lambda x: F.dropout(x, 0.25, training=True), (3, 4)), ('p1', lambda x: F.dropout(x, 1.0), (2, 3)),
                       ('d2d', lambda x: F.dropout2d(x, 0.5), (2, 3, 2, 2)), ('d1d', lambda x: nn.Dropout1d(0.5)(x), (2, 3, 4)),
                       ('alpha', lambda x: F.alpha_dropout(x, 0.3, training=True), (3, 4)), ('falpha', lambda x: F.feature_alpha_dropout(x, 0.3, training=True), (2, 3, 2)),
                       ('inplace', lambda x: F.dropout(x * 1, 0.5, inplace=True), (2, 3)), ('d2d_unbatched', lambda x: F.dropout2d(x, 0.5), (3, 2, 2))]:
    x = torch.randn(*shape, requires_grad=True)
    y = f(x)
    y.backward(torch.arange(y.numel(), dtype=torch.float32).reshape(y.shape))
    print(name, y.grad_fn.name(), [type(n[0]).__name__ if n[0] is not None else None for n in y.grad_fn.next_functions], x.grad.flatten().tolist())
layers = [nn.Dropout(0.1), nn.Dropout1d(0.2), nn.Dropout2d(), nn.Dropout3d(0.3, inplace=True), nn.AlphaDropout(0.2), nn.FeatureAlphaDropout(0.4)]
print(nn.Sequential(*layers))
x = torch.randn(2, 3, 4, 4, requires_grad=True)
net = nn.Sequential(nn.Conv2d(3, 2, 1), nn.Dropout2d(0.5), nn.Flatten(), nn.AlphaDropout(0.2))
net(x).sum().backward()
print(x.grad.abs().sum())
net.eval()
print(net(x).shape, net[1](x) is x)
del layers, f
