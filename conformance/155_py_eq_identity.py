# == on the same object calls __eq__ for tensors and user classes (t == t is elementwise, so
# t != t finds NaNs); containers compare items identity-first, as CPython's containers do.
import torch
t = torch.tensor([1.0, float('nan')])
print(t == t, t != t, (t == t).all())
class A:
    def __eq__(self, o): return 'custom'
a = A()
print(a == a, a != a, [a] == [a], a in [a])
l = [float('nan')]
print(l == l, l[0] == l[0], {1: l[0]} == {1: l[0]}, (1, 2) == (1, 2))
import torch.nn as nn
m = nn.Linear(1, 1)
print(m == m, m != m, m.weight == m.weight)
del a, A
