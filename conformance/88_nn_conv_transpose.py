# ConvTranspose1d/2d and F.conv_transpose*d / F.prelu (nn/ additions): init draws (transposed
# fan), reprs, shapes with stride / padding / output_padding / groups / dilation, output_size=,
# unbatched input, values and gradients (ConvolutionBackward0 for the transposed node too).
import torch
import torch.nn as nn
import torch.nn.functional as F

ct = nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1)
ct1 = nn.ConvTranspose1d(4, 2, 2, groups=2, bias=False, dilation=2)
print(ct, ct1, ct.weight.shape, ct1.weight.shape, [(k, v._version) for k, v in ct.named_parameters()])
print(ct.weight[0, 0], ct.bias)
x = torch.arange(1 * 2 * 3 * 4, dtype=torch.float32).reshape(1, 2, 3, 4).sin().requires_grad_()
y = ct(x)
print(y.shape, y.grad_fn.name(), y[0, 1])
(y * y).sum().backward()
print(x.grad[0, 0], ct.weight.grad[1, 2], ct.bias.grad, sep='\n')
x1 = torch.arange(4 * 5, dtype=torch.float32).reshape(4, 5).cos()
print(ct1(x1).shape, ct1(x1))
print(ct(x, output_size=[6, 8]).shape, ct(x, output_size=(1, 3, 5, 7)).shape)
w = torch.arange(2 * 1 * 2, dtype=torch.float32).reshape(2, 1, 2) - 1.5
print(F.conv_transpose1d(torch.ones(1, 2, 3), w, torch.tensor([0.5]), stride=2))
print(F.conv_transpose2d(torch.ones(1, 1, 2, 2), torch.ones(1, 1, 2, 2), padding=0, stride=1))
print(F.prelu(torch.tensor([[-1.0, 2.0], [-3.0, 4.0]]), torch.tensor([0.1, 0.5])))
