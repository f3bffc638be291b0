# Small torch utilities scripts reach for: finfo/iinfo (limits and reprs), broadcast_tensors /
# broadcast_shapes, type_as, the legacy t.new(...), size(dim) of a 0-d tensor, and a one-element
# integer tensor used as a list index (__index__).
import torch
for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16]:
    fi = torch.finfo(dt)
    print(fi)
    print(fi.bits, fi.eps, fi.max, fi.min, fi.tiny, fi.smallest_normal, fi.resolution, fi.dtype)
for dt in [torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.bool]:
    try:
        ii = torch.iinfo(dt)
        print(ii)
        print(ii.bits, ii.max, ii.min, ii.dtype)
    except TypeError as e:
        print('TypeError', e)
print(torch.finfo())
for bad in [lambda: torch.finfo(torch.int32), lambda: torch.iinfo(torch.float32), lambda: torch.finfo('x')]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
print(torch.finfo(torch.float32) == torch.finfo(torch.float32), type(torch.finfo(torch.float32)).__name__)
a = torch.ones(3, 1, requires_grad=True)
x, y = torch.broadcast_tensors(a, torch.zeros(1, 2))
print(x.shape, y.shape, x.grad_fn.name(), y.is_contiguous(), x.stride(), y.stride())
z, = torch.broadcast_tensors(a)
print(z is a, z.grad_fn)
print(torch.broadcast_shapes((3, 1), (1, 2), (2,)), torch.broadcast_shapes(4, (2, 1)), torch.broadcast_shapes())
for bad in [lambda: torch.broadcast_shapes((3,), (2,)), lambda: torch.broadcast_tensors(torch.ones(3), torch.ones(2))]:
    try:
        bad()
    except RuntimeError as e:
        print('RuntimeError', e)
t = torch.ones(2, dtype=torch.int32)
print(t.type_as(torch.zeros(1)), t.new(2, 3).shape, t.new([1, 2]), t.new(torch.Size([2])).dtype, t.new().shape)
try:
    print(torch.tensor(1.).size(0))
except IndexError as e:
    print('IndexError:', e)
print([10, 20, 30][torch.tensor(1)], 'abc'[torch.tensor(2)], range(5)[torch.tensor(3)])
