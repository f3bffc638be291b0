# Module utilities: apply, children, modules, freezing, train/eval, counting trainable params.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(4, 8),
    nn.ReLU(),
    nn.Sequential(nn.Linear(8, 8), nn.Dropout(0.1)),
    nn.Linear(8, 2),
)

def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.01)
        nn.init.zeros_(m.bias)
        print("init", m)

model.apply(init_weights)
print([type(c).__name__ for c in model.children()])
print([name for name, _ in model.named_modules()])
print(len(list(model.modules())))
for p in model[0].parameters():
    p.requires_grad = False
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
total = sum(p.numel() for p in model.parameters())
print(f"trainable {trainable} / {total}")
model.eval()
print([m.training for m in model.modules()])
model.train()
print(model[2][1].training)
model[3].requires_grad_(False)
print([n for n, p in model.named_parameters() if p.requires_grad])
print(model[-1], model[1:3])
print(model(torch.ones(1, 4)))
model.zero_grad()
print(model[0].weight.grad)
print(model.get_submodule('2.0'))
model.add_module('out', nn.Sigmoid())
print(len(model), model.out)
del model[1]
print(model)
