# The in-place view methods (t_, transpose_, swapdims_, squeeze_, unsqueeze_): the tensor's own
# layout changes, its version moves, and the in-place node names lead the gradient back.
import torch
y = torch.ones(2, 1, 3, requires_grad=True)
cases = [('squeeze_', ()), ('squeeze_', (1,)), ('squeeze_', ((1,),)), ('unsqueeze_', (0,)), ('transpose_', (0, 2)), ('swapdims_', (0, 1)), ('swapaxes_', (0, 1)), ('t_', ())]
for name, args in cases:
    z = y * 1
    if name == 't_':
        z = z.squeeze(1)
    r = getattr(z, name)(*args)
    print(name, args, r is z, tuple(z.shape), z.stride(), z.grad_fn.name(), z._version)
    z.sum().backward()
print(y.grad.sum().item())
x = torch.arange(6.).reshape(2, 3)
y = x.clone().requires_grad_()
z = y * 1
z.transpose_(0, 1)
print(z.shape, z.grad_fn.name(), z._version, z.is_contiguous())
z.unsqueeze_(0)
print(z.shape, z.grad_fn.name())
z.squeeze_()
z.t_()
print(z.shape, z.grad_fn.name(), x.is_pinned())
z.sum().backward()
print(y.grad)
