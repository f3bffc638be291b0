# Autograd basics from the "A Gentle Introduction to torch.autograd" tutorial and friends.
import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(9 * a ** 2 == a.grad)
print(-2 * b == b.grad)
print(Q, Q.grad_fn.name(), Q.is_leaf, a.is_leaf)
print(Q.grad_fn.next_functions[0][0].name() if hasattr(Q.grad_fn, 'next_functions') else None)

x = torch.ones(5)
y = torch.zeros(3)
w = torch.arange(15.).reshape(5, 3).div(10).requires_grad_()
bias = torch.tensor([0.1, -0.2, 0.3], requires_grad=True)
z = torch.matmul(x, w) + bias
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
print('Gradient function for z =', z.grad_fn.name())
print('Gradient function for loss =', type(loss.grad_fn).__name__)
loss.backward()
print(w.grad)
print(bias.grad)
z = torch.matmul(x, w) + bias
print(z.requires_grad)
with torch.no_grad():
    z = torch.matmul(x, w) + bias
print(z.requires_grad)
z_det = (torch.matmul(x, w) + bias).detach()
print(z_det.requires_grad)

inp = torch.eye(4, 5, requires_grad=True)
out = (inp + 1).pow(2).t()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"First call\n{inp.grad}")
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nSecond call\n{inp.grad}")
inp.grad.zero_()
out.backward(torch.ones_like(out))
print(f"\nCall after zeroing gradients\n{inp.grad}")

h = torch.tensor(1.0, requires_grad=True)
h.register_hook(lambda g: print("hook saw", g))
(h * 5).backward()
print(h.grad)
s = torch.tensor([1.0, 2.0], requires_grad=True)
g, = torch.autograd.grad((s ** 3).sum(), s, create_graph=True)
g2, = torch.autograd.grad(g.sum(), s)
print(g, g2)
