# torch.rsqrt in float32 is 1 / sqrt(x) with both steps rounded to float (the RMSNorm idiom
# x * rsqrt(mean(x^2) + eps) shows it at full precision).
import torch
torch.manual_seed(0)
x = (torch.rand(2000) * 100).float().requires_grad_()
torch.rsqrt(x).backward(torch.rand(2000))
g = x.grad.tolist()
print(sum(g), g[:3])
v = torch.randn(4, 8)
rms = v * torch.rsqrt(v.pow(2).mean(-1, keepdim=True) + 1e-6)
print(rms.sum().item(), rms[0].tolist()[:3])
