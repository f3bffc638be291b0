# Toy linear regression with optim.SGD: the classic first training loop.
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.arange(10, dtype=torch.float32).unsqueeze(1) / 10
y = 3 * X + 0.5

model = nn.Linear(1, 1)
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
print(optimizer)

for epoch in range(30):
    optimizer.zero_grad()
    pred = model(X)
    loss = criterion(pred, y)
    loss.backward()
    optimizer.step()
    if epoch % 10 == 9:
        print(f"epoch {epoch + 1:3d}  loss {loss.item():.6f}")

w, b = model.weight.item(), model.bias.item()
print(f"learned w={w:.4f} b={b:.4f}")
print(model.weight)
print(model.bias.grad)
with torch.no_grad():
    print(model(torch.tensor([[2.0]])))
print(optimizer.param_groups[0]['lr'], len(optimizer.param_groups[0]['params']))
print(optimizer.state_dict()['param_groups'])
