# addmm/addmv/baddbmm with beta=0: input ignored (even NaN), alpha still scales the product.
import torch
torch.manual_seed(1)
for n in (3, 40):
    i = torch.randn(n, n); a = torch.randn(n, n); b = torch.randn(n, n); v = torch.randn(n)
    i2 = torch.full((n, n), float('nan'))
    r1 = torch.addmm(i, a, b, beta=0, alpha=0.5)
    r2 = torch.addmm(i2, a, b, beta=0, alpha=2.0)
    r3 = torch.addmv(v, a, v, beta=0, alpha=0.5)
    r4 = torch.baddbmm(i[None], a[None], b[None], beta=0, alpha=0.25)
    r5 = torch.addmm(i, a.t(), b, beta=0, alpha=0.5)
    print([round(float(r.sum()), 3) for r in (r1, r2, r3, r4, r5)])
    print(bool(torch.isnan(r2).any()))
