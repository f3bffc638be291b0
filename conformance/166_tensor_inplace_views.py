# The in-place view methods (t_, transpose_, swapdims_, squeeze_, unsqueeze_): the tensor's own
# layout changes, its version moves, and the in-place node names lead the gradient back; and
# Tensor.unfold, the sliding-window view.
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

# Tensor.unfold: sliding windows as a view (UnfoldBackward0 scatter-adds overlapping windows)
u = torch.arange(12.).reshape(3, 4).requires_grad_()
v = u.unfold(1, 2, 1)
print(v, v.grad_fn.name(), v.stride(), u.unfold(0, 2, 1).shape)
(v * torch.arange(v.numel(), dtype=torch.float32).reshape(v.shape)).sum().backward()
print(u.grad)
print(torch.arange(5.).unfold(0, 2, 2), torch.tensor(3.).unfold(0, 1, 1))
for a in [(1, 5, 1), (1, 2, 0)]:
    try:
        u.unfold(*a)
    except RuntimeError as e:
        print(e)
