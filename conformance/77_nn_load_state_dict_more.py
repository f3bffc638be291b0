# load_state_dict details (nn/ additions): BatchNorm accepts a hand-made dict without
# num_batches_tracked (version-1 compatibility) but a state_dict() missing it is reported; a
# non-tensor value; a 1-element checkpoint tensor into a 0-d buffer; zero_grad(set_to_none=False).
import torch
import torch.nn as nn

bn = nn.BatchNorm1d(2)
hand = {'weight': torch.ones(2), 'bias': torch.zeros(2), 'running_mean': torch.full((2,), 0.5),
        'running_var': torch.full((2,), 2.0)}
r1 = bn.load_state_dict(hand)
sd = bn.state_dict()
del sd['num_batches_tracked']
r2 = bn.load_state_dict(sd, strict=False)
r2_missing = r2.missing_keys
try:
    bn.load_state_dict(sd)
except RuntimeError as e:
    strict_sd_err = str(e)
try:
    nn.Linear(1, 1).load_state_dict({'weight': 3, 'bias': torch.zeros(1)})
except RuntimeError as e:
    non_tensor_err = str(e)


class Scalar(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('s', torch.tensor(1.0))


sc = Scalar()
sc.load_state_dict({'s': torch.tensor([7.0])})
scalar_after = sc.s
lin = nn.Linear(2, 1)
lin.weight.grad = torch.ones(1, 2)
grad_obj = lin.weight.grad
lin.zero_grad(set_to_none=False)
grad_kept = lin.weight.grad is grad_obj
print(r1, r2, strict_sd_err, non_tensor_err, sep='\n')
print(scalar_after, grad_kept, lin.weight.grad)
del bn, sc, lin, grad_obj
