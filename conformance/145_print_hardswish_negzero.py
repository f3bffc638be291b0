# hardswish below -3 is x*0: -0. for finite negatives, nan for -inf (printed -0.0000, nan).
import torch
import torch.nn.functional as F
x = torch.tensor([-5., -3., -2.5, 0., 1., 3., 4.])
print(F.hardswish(x), torch.nn.Hardswish()(x.double()))
y = torch.tensor([float('-inf'), float('inf'), float('nan'), -1e30])
print(F.hardswish(y), F.hardswish(y.double()))
