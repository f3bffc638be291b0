# f-strings and string formatting around tensors, as in training logs.
import torch

loss = torch.tensor(0.123456789)
acc = torch.tensor(0.875)
t = torch.tensor([1.5, 2.25, -3.0])
print(f"loss: {loss:.4f}")
print(f"loss: {loss.item():.4e} acc: {acc * 100:.1f}%")
print(f"{t}")
print(f"{t!r}")
print(f"shape={t.shape} dtype={t.dtype} device={t.device}")
print(f"{t.shape[0]:>5d}|{t.sum():<10.3f}|{t.mean().item():^12.2f}|")
print("values: " + ", ".join(f"{v:.2f}" for v in t.tolist()))
print("values:", [f"{v:+.1f}" for v in t])
print(f"{torch.tensor(7)}", f"{torch.tensor(7):3d}", f"{torch.tensor(True)}")
print("{} and {:.2f}".format(t.numel(), loss))
print(str(t.dtype), repr(t.dtype), t.dtype == torch.float32, t.dtype is torch.float)
print(f"{t.tolist()}", t.tolist(), tuple(t.shape), list(t.size()))
name = "fc1.weight"
print(f"{name!r:>15}", f"{name:*^20}", f"{len(name):03}")
d = {'a': torch.tensor(1.0), 'b': torch.tensor([2, 3])}
print(d)
print(f"{d}")
print([torch.tensor(0.5), torch.tensor([1, 2])])
print((torch.tensor(1.0),))
print(f"{float(loss):.3g} {int(torch.tensor(3.9))} {bool(torch.tensor(0.0))}")
print(f"{1e-7:.2e} {123456.789:,.2f} {0.5:%} {3:b} {255:x}")
try:
    print(f"{t:.2f}")
except TypeError as e:
    print("TypeError:", e)
print(format(torch.tensor(2.5), ".1f"), round(torch.tensor(2.567).item(), 2))
print(str(torch.float16), torch.int64, torch.bool, torch.device('cpu'))
