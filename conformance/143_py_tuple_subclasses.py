# Tuple subclasses (user-defined, torch.Size, torch.return_types): indexing, slicing, concatenation.
import torch
class P(tuple):
    pass
p = P((1, 2, 3))
print(p[0], p[1:], p + (4,), (0,) + p, len(p), type(p[1:]).__name__, type(p + (4,)).__name__)
s = torch.Size([2, 3])
print(s[0], s[1:], s + (4,), type(s + (4,)).__name__, (1,) + s, type((1,)+s).__name__)
r = torch.sort(torch.tensor([3., 1., 2.]))
print(r[0], r[1], r.values)
v, i = r
print(v, i)
