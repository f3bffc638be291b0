# Autograd mistakes: in-place on leaf, backward twice, non-scalar backward, grad of non-leaf, etc.
import torch

errors = []


def show(f):
    try:
        f()
        print("ok")
    except Exception as e:
        errors.append(f"{type(e).__name__}: {e}")
        print(errors[-1])

w = torch.ones(3, requires_grad=True)
show(lambda: w.add_(1))
def twice():
    y = (w * 2).sum()
    y.backward()
    y.backward()
show(twice)
def twice_exp():
    y = (w.exp()).sum()
    y.backward()
    y.backward()
show(twice_exp)
show(lambda: (w * 2).backward())
def nonleaf():
    z = w * 3
    z.sum().backward()
    print(z.grad)
show(nonleaf)
show(lambda: torch.tensor([1, 2], requires_grad=True))
show(lambda: torch.ones(2).backward())
def retain():
    z = w * 3
    z.retain_grad()
    (z ** 2).sum().backward()
    print(z.grad, w.grad)
show(retain)
def modified():
    a = torch.ones(2, requires_grad=True)
    b = a.sigmoid()
    b.mul_(2)
    b.sum().backward()
show(modified)
def numpy_req():
    w.tolist()
    print(w.detach().requires_grad, w.requires_grad)
show(numpy_req)
with torch.no_grad():
    v = w * 2
print(v.requires_grad, v.grad_fn)
w.grad = None
show(lambda: torch.autograd.grad(w.sum(), [torch.ones(3, requires_grad=True)]))
print(torch.autograd.grad((w ** 2).sum(), w))
show(lambda: w.item())
