# A tiny language model with its output head tied to the embedding
# (head.weight IS emb.weight, as in GPT-2). With tie_weights=True (the
# default) overriding 'emb.weight' also swaps 'head.weight'; with
# tie_weights=False the head keeps the module's own weight.
import torch
import torch.nn as nn
from torch.func import functional_call


class TinyLM(nn.Module):
    def __init__(self, vocab, dim):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, vocab, bias=False)
        self.head.weight = self.emb.weight

    def forward(self, ids):
        return self.head(self.emb(ids))


lm = TinyLM(5, 3)
ids = torch.tensor([0, 3])
new_emb = torch.eye(5, 3)

tied = functional_call(lm, {'emb.weight': new_emb}, (ids,))
print(tied)

untied = functional_call(lm, {'emb.weight': new_emb}, (ids,), tie_weights=False)
print(untied)
print(lm.head.weight is lm.emb.weight)
