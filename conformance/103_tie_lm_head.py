# A tiny language model whose output head shares the embedding matrix (weight tying).
import torch
import torch.nn as nn
from torch.func import functional_call

torch.manual_seed(0)

class TinyLM(nn.Module):
    def __init__(self, vocab=6, dim=4):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.proj = nn.Linear(dim, dim)
        self.head = nn.Linear(dim, vocab, bias=False)
        self.head.weight = self.embed.weight  # tie

    def forward(self, ids):
        h = torch.tanh(self.proj(self.embed(ids)))
        return self.head(h)

lm = TinyLM()
print(lm)
print(lm.head.weight is lm.embed.weight)
print([n for n, _ in lm.named_parameters()])
print(list(lm.state_dict().keys()))
print(sum(p.numel() for p in lm.parameters()))

ids = torch.tensor([[0, 1, 2], [3, 4, 5]])
logits = lm(ids)
print(logits.shape)

new_emb = torch.zeros(6, 4)
out = functional_call(lm, {'embed.weight': new_emb}, (ids,))
print(out.abs().sum().item())
out2 = functional_call(lm, {'embed.weight': new_emb}, (ids,), tie_weights=False)
print(out2.abs().sum().item() > 0)
try:
    functional_call(lm, {'embed.weight': new_emb, 'head.weight': torch.zeros(6, 4)}, (ids,))
except ValueError as e:
    print("ValueError:", e)
loss = nn.functional.cross_entropy(logits.reshape(-1, 6), ids.reshape(-1))
loss.backward()
print(lm.embed.weight.grad.shape, lm.head.weight.grad is lm.embed.weight.grad)
