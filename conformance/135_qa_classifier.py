# Toy 2-class classifier with CrossEntropyLoss, accuracy, argmax, eval with no_grad.
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.cat([torch.randn(10, 2) + 2, torch.randn(10, 2) - 2])
y = torch.cat([torch.zeros(10, dtype=torch.long), torch.ones(10, dtype=torch.long)])
model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(20):
    logits = model(X)
    loss = loss_fn(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 5 == 0:
        acc = (logits.argmax(dim=1) == y).float().mean()
        print(f"epoch {epoch:2d} loss {loss.item():.4f} acc {acc:.2f}")
model.eval()
with torch.no_grad():
    probs = torch.softmax(model(torch.tensor([[2.0, 2.0], [-2.0, -2.0]])), dim=1)
print(probs)
print(probs.argmax(1).tolist())
correct = (model(X).argmax(1) == y).sum().item()
print(f"{correct}/{len(y)} correct")
