# torch.nn.utils helpers (nn/ additions): clip_grad_norm_ / clip_grad_value_ (in place on .grad,
# version bumps, the returned total norm), parameters_to_vector / vector_to_parameters, and
# remove_weight_norm / remove_spectral_norm undoing the legacy hook-based norms.
import torch
import torch.nn as nn
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters

m = nn.Linear(3, 2)
with torch.no_grad():
    m.weight.copy_(torch.tensor([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]]))
    m.bias.copy_(torch.tensor([0.1, -0.2]))
x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])
m(x).pow(2).sum().backward()
print(m.weight.grad, m.bias.grad)
v0 = m.weight.grad._version
total = clip_grad_norm_(m.parameters(), 1.0)
print(total, m.weight.grad, m.bias.grad, m.weight.grad._version - v0)
print(clip_grad_norm_(m.parameters(), 100.0), m.bias.grad)
print(clip_grad_norm_(m.weight, 0.5, norm_type='inf'), m.weight.grad)
print(clip_grad_norm_([nn.Parameter(torch.ones(2))], 1.0))
print(clip_grad_value_(m.parameters(), 0.1), m.weight.grad)

vec = parameters_to_vector(m.parameters())
print(vec, vec.grad_fn.name())
vector_to_parameters(torch.arange(8.0), m.parameters())
print(m.weight, m.bias, m.weight.is_leaf, type(m.weight).__name__)
try:
    vector_to_parameters([1.0], m.parameters())
except TypeError as e:
    print('TypeError', e)

wn = nn.utils.weight_norm(nn.Linear(3, 2))
print(sorted(k for k, _ in wn.named_parameters()))
w_before = wn.weight.detach().clone()
nn.utils.remove_weight_norm(wn)
print([k for k, _ in wn.named_parameters()], torch.allclose(wn.weight, w_before), wn.weight.requires_grad, wn.weight.grad_fn)
try:
    nn.utils.remove_weight_norm(wn)
except ValueError as e:
    print('ValueError', e)

sn = nn.utils.spectral_norm(nn.Linear(3, 2))
print([k for k, _ in sn.named_parameters()], list(sn.state_dict().keys()))
nn.utils.remove_spectral_norm(sn)
print([k for k, _ in sn.named_parameters()], list(sn.state_dict().keys()), list(sn._buffers.keys()))
try:
    nn.utils.remove_spectral_norm(sn, 'bias')
except ValueError as e:
    print('ValueError', e)
