# parametrize.transfer_parametrizations_and_params (nn/ additions): the parametrization objects
# and the original Parameters are shared with the target (tied), a tensor missing on the target
# is created, tensor_name picks one, and an unparametrized source is returned as is.
import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P

class Double(nn.Module):
    def forward(self, x):
        return 2 * x
    def right_inverse(self, x):
        return x / 2

src = nn.Linear(2, 2)
with torch.no_grad():
    src.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
P.register_parametrization(src, 'weight', Double())
P.register_parametrization(src, 'bias', Double())
dst = nn.Linear(2, 2)
out = P.transfer_parametrizations_and_params(src, dst)
print(out is dst, type(dst).__name__, P.is_parametrized(dst, 'weight'), P.is_parametrized(dst, 'bias'))
print(dst.parametrizations.weight.original is src.parametrizations.weight.original, dst.parametrizations.weight[0] is src.parametrizations.weight[0])
print(dst.weight, [k for k, _ in dst.named_parameters()], sep='\n')

only = nn.Linear(2, 2)
P.transfer_parametrizations_and_params(src, only, 'weight')
print(P.is_parametrized(only, 'weight'), P.is_parametrized(only, 'bias'), torch.equal(only.weight, src.weight))

class Empty(nn.Module):
    pass
e = Empty()
P.transfer_parametrizations_and_params(src, e, 'weight')
print(e, e.weight, [k for k, _ in e.named_parameters()], sep='\n')
plain = nn.Linear(1, 1)
print(P.transfer_parametrizations_and_params(plain, nn.Linear(1, 1)))
