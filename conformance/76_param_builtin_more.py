# More built-in parametrizations (nn/ additions): orthogonal on a non-square weight (householder
# map) and assigning a non-orthogonal matrix (QR with positive diagonal); legacy hook-based
# spectral_norm (weight_orig, weight_u/_v) under functional_call; nn.DataParallel refused by
# functional_call on a CPU build.
import torch
import torch.nn as nn
from torch.nn.utils import parametrizations
from torch.func import functional_call

wide = nn.Linear(3, 2, bias=False)
with torch.no_grad():
    wide.weight.copy_(torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]))
parametrizations.orthogonal(wide)
wide_names = [n for n, _ in wide.named_parameters()] + [n for n, _ in wide.named_buffers()]
wide_weight = wide.weight.detach()
gram = (wide.weight @ wide.weight.T).detach()

sq = nn.Linear(2, 2, bias=False)
parametrizations.orthogonal(sq)
sq.weight = torch.tensor([[2.0, 1.0], [1.0, 3.0]])
sq_weight = sq.weight.detach()
sq_base = sq.parametrizations.weight[0].base

sn = nn.Linear(2, 2, bias=False)
with torch.no_grad():
    sn.weight.copy_(torch.tensor([[3.0, 0.0], [0.0, 1.0]]))
nn.utils.spectral_norm(sn)
sn_params = [n for n, _ in sn.named_parameters()]
sn_buffers = [n for n, _ in sn.named_buffers()]
x = torch.tensor([[1.0, 1.0]])
sn_out = sn(x).detach()
sn_fc = functional_call(sn, {'weight_orig': torch.tensor([[4.0, 0.0], [0.0, 2.0]])}, x).detach()
sn.eval()
sn_eval = sn(x).detach()

dp = nn.DataParallel(nn.Linear(2, 1))
print(dp)
dp_out_shape = list(dp(torch.ones(3, 2)).shape)
try:
    functional_call(dp, {}, torch.ones(3, 2))
except RuntimeError as e:
    dp_err = str(e)
print(wide_names, wide_weight, gram, sep='\n')
print(sq_weight, sq_base, sep='\n')
print(sn_params, sn_buffers, sn_out, sn_fc, sn_eval)
print(dp_out_shape, dp_err)
del wide, sq, sn, dp
