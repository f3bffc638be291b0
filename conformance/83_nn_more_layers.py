# More layers (nn/ additions): pooling, GroupNorm / InstanceNorm / RMSNorm, more activations,
# PReLU, Unflatten and the loss modules — reprs, forwards, state_dict keys and the `_version` of
# every parameter and buffer after construction, forward and reset_parameters() (PyTorch's
# initialisers write in place, so fresh layers are at version 1).
import torch
import torch.nn as nn

def versions(m):
    return [(k, v._version) for k, v in m.state_dict(keep_vars=True).items()]

x = torch.arange(2 * 3 * 4, dtype=torch.float32).reshape(2, 3, 4).sin()
img = torch.arange(2 * 3 * 5 * 6, dtype=torch.float32).reshape(2, 3, 5, 6).cos()

fresh = [nn.Linear(2, 2), nn.Bilinear(2, 2, 1), nn.Conv1d(1, 1, 2), nn.Embedding(3, 2), nn.Embedding(3, 2, padding_idx=1),
         nn.LayerNorm(3), nn.BatchNorm1d(3), nn.GroupNorm(1, 3), nn.InstanceNorm1d(3, affine=True, track_running_stats=True),
         nn.RMSNorm(4), nn.PReLU(3)]
for m in fresh:
    print(type(m).__name__, versions(m))
    m.reset_parameters()
    print('  reset', versions(m))

bn = nn.BatchNorm1d(3)
bn(x)
bn.eval()
bn(x)
print('bn after train+eval forward', versions(bn), bn.num_batches_tracked)

pools = [nn.MaxPool2d(2), nn.MaxPool2d(3, 2, 1, ceil_mode=True), nn.MaxPool1d(2, return_indices=True), nn.AvgPool2d(3, 2, 1),
         nn.AvgPool1d(2), nn.AdaptiveAvgPool2d((2, 3)), nn.AdaptiveAvgPool2d(1), nn.AdaptiveAvgPool1d(3), nn.AdaptiveMaxPool2d(2)]
for p in pools:
    inp = x if '1d' in type(p).__name__ else img
    out = p(inp)
    if isinstance(out, tuple):
        print(p, out[0].shape, out[1][0, 0].tolist())
    else:
        print(p, out.shape, out[0, 0])

norms = nn.ModuleList([nn.GroupNorm(1, 3), nn.InstanceNorm1d(3, affine=True, track_running_stats=True), nn.RMSNorm(4), nn.InstanceNorm2d(3)])
print(norms)
print(norms[0](x)[1], norms[2](x)[0], sep='\n')
inorm = norms[1]
y = inorm(x)
print(y.grad_fn.name(), y[0], inorm.running_mean, inorm.running_var, versions(inorm), sep='\n')
inorm.eval()
print(inorm(x)[1], versions(inorm))
print(norms[3](img)[0, 0], list(norms[3].state_dict().keys()))
print(inorm(x[0]).shape)

acts = [nn.Hardtanh(), nn.Hardtanh(-2.0, 2.0, inplace=True), nn.ReLU6(), nn.Softplus(beta=2.0), nn.SELU(), nn.CELU(0.5),
        nn.Mish(), nn.Hardsigmoid(), nn.LogSigmoid(), nn.Softsign(), nn.Tanhshrink(), nn.Threshold(0.1, 20.0),
        nn.Softmin(dim=1), nn.PReLU(), nn.PReLU(3)]
v = torch.tensor([[-3.0, -0.5, 0.05], [0.5, 2.5, 7.0]])
for a in acts:
    print(a, a(v.clone()))
print(nn.Hardswish(), nn.Hardswish()(torch.tensor([-2.5, -0.5, 0.05, 0.5, 2.5, 7.0])))
print(nn.ReLU6().max_val, list(nn.PReLU(3).state_dict().keys()), nn.PReLU().weight)
un = nn.Unflatten(2, (2, 2))
print(un, un(x).shape, nn.Unflatten(-1, (2, -1))(x).shape)

logits = torch.tensor([[1.0, 2.0, 0.5], [0.1, -1.0, 3.0]])
target = torch.tensor([1, 2])
probs = torch.tensor([[0.2, 0.7], [0.9, 0.4]])
labels = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
losses = [nn.CrossEntropyLoss(), nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 0.5]), label_smoothing=0.1),
          nn.CrossEntropyLoss(reduction='none', ignore_index=2), nn.NLLLoss(), nn.MSELoss(), nn.L1Loss(reduction='sum'),
          nn.SmoothL1Loss(beta=0.5), nn.HuberLoss(delta=0.5), nn.BCELoss(), nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0, 1.0])),
          nn.KLDivLoss(reduction='batchmean')]
for L in losses:
    name = type(L).__name__
    if name in ('CrossEntropyLoss', 'NLLLoss'):
        out = L(logits.log_softmax(1) if name == 'NLLLoss' else logits, target)
    elif name in ('BCELoss', 'BCEWithLogitsLoss', 'KLDivLoss'):
        out = L(probs.log() if name == 'KLDivLoss' else probs, labels)
    else:
        out = L(probs, labels)
    print(L, L.reduction, list(L.state_dict().keys()), out)
try:
    nn.Unflatten(1, (2, 2))(x)
except RuntimeError as e:
    print(e)
