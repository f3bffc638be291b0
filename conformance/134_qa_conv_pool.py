# Convolutions and pooling: shapes and values on arange inputs.
import torch
import torch.nn as nn
import torch.nn.functional as F

img = torch.arange(2 * 1 * 5 * 5, dtype=torch.float32).reshape(2, 1, 5, 5)
conv = nn.Conv2d(1, 2, kernel_size=3, padding=1, bias=True)
with torch.no_grad():
    conv.weight.copy_(torch.arange(18, dtype=torch.float32).reshape(2, 1, 3, 3) / 10)
    conv.bias.copy_(torch.tensor([0.5, -0.5]))
y = conv(img)
print(y.shape)
print(y[0, 1])
print(F.max_pool2d(y, 2).shape, F.max_pool2d(y, 2)[1, 0])
print(F.avg_pool2d(img, kernel_size=2, stride=1)[0, 0])
print(F.conv2d(img, torch.ones(1, 1, 2, 2), stride=2)[1])
print(nn.AdaptiveAvgPool2d(1)(img).flatten())
print(nn.MaxPool2d(3, stride=2)(img).shape)
c1 = F.conv1d(torch.arange(10.).reshape(1, 1, 10), torch.tensor([[[1.0, 0.0, -1.0]]]))
print(c1)
print(F.interpolate(torch.arange(4.).reshape(1, 1, 2, 2), scale_factor=2, mode='nearest'))
print(F.unfold(torch.arange(9.).reshape(1, 1, 3, 3), kernel_size=2))
print(nn.Flatten()(y).shape, nn.Flatten(0, 1)(y).shape)
try:
    conv(torch.ones(1, 3, 5, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
