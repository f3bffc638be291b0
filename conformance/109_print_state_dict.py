# Printing state_dicts, parameters and named_parameters loops people write.
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2), nn.Linear(2, 1))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) * 0.1 - i)
sd = model.state_dict()
print(sd)
for k, v in sd.items():
    print(f"{k:25s} {str(tuple(v.shape)):10s} {v.dtype}")
for name, param in model.named_parameters():
    print(name, param.requires_grad, param.shape)
print(model[0].weight)
print(model[0].weight.data)
print(model[0].weight.detach())
print(list(model.parameters())[1])
print(dict(model.named_buffers()))
print(type(sd).__name__)
keys_text = str(sd.keys())
print(keys_text)
print(len(sd))
