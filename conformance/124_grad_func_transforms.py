# torch.func transforms on plain functions: grad, grad_and_value, jacrev, jacfwd, hessian, vjp, jvp, vmap.
import torch
from torch.func import grad, grad_and_value, jacrev, jacfwd, vjp, jvp, vmap, hessian

def f(x):
    return (x.sin() * x).sum()

x = torch.tensor([0.5, 1.0, 2.0])
print(grad(f)(x))
print(grad(grad(lambda t: t ** 3))(torch.tensor(2.0)))
g, v = grad_and_value(f)(x)
print(g, v)
print(jacrev(torch.sin)(x))
print(jacfwd(lambda t: t ** 2)(x))
print(hessian(f)(x))
out, fn = vjp(torch.exp, x)
print(out, fn(torch.ones(3)))
print(jvp(torch.exp, (x,), (torch.ones(3),)))
print(vmap(torch.dot)(torch.ones(2, 3), torch.arange(6.).reshape(2, 3)))
batched = vmap(lambda v: v @ v, in_dims=0)(torch.arange(6.).reshape(3, 2))
print(batched)
print(vmap(lambda a, b: a * b, in_dims=(0, None))(torch.arange(3.), torch.tensor(2.0)))

def loss(w, b, x, y):
    return ((x @ w + b - y) ** 2).mean()

w = torch.tensor([1.0, -1.0])
b = torch.tensor(0.5)
X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
Y = torch.tensor([1.0, 0.0])
gw, gb = grad(loss, argnums=(0, 1))(w, b, X, Y)
print(gw, gb)
def with_aux(w):
    l = (w ** 2).sum()
    return l, {'norm': w.norm()}
gr, aux = grad(with_aux, has_aux=True)(w)
print(gr, aux)
print(jacrev(loss, argnums=0)(w, b, X, Y))
