# Copying weights between models: load_state_dict, deepcopy, EMA updates, in-place no_grad edits.
import copy
import torch
import torch.nn as nn

torch.manual_seed(0)
student = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
teacher = copy.deepcopy(student)
print(all(torch.equal(a, b) for a, b in zip(student.parameters(), teacher.parameters())))
print(student[0].weight is teacher[0].weight)
with torch.no_grad():
    for p in student.parameters():
        p.add_(1.0)
decay = 0.9
with torch.no_grad():
    for t, s in zip(teacher.parameters(), student.parameters()):
        t.mul_(decay).add_(s, alpha=1 - decay)
print(teacher[0].bias)
target = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
target.load_state_dict(teacher.state_dict())
print(torch.equal(target[2].weight, teacher[2].weight))
x = torch.ones(1, 2)
print(target(x), teacher(x))
snap = {k: v.clone() for k, v in student.state_dict().items()}
with torch.no_grad():
    student[0].weight.fill_(0)
print(snap['0.weight'].abs().sum() > 0, student[0].weight.sum())
student.load_state_dict(snap)
print(student[0].weight.sum() != 0)
for p in teacher.parameters():
    p.requires_grad_(False)
print([p.requires_grad for p in teacher.parameters()])
