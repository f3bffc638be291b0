# hardswish below -3 is x*0: -0. for negative inputs (printed -0.0000).
import torch
import torch.nn.functional as F
x = torch.tensor([-5., -3., -2.5, 0., 1., 3., 4.])
print(F.hardswish(x), torch.nn.Hardswish()(x.double()))
