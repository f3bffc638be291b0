# Layer dtypes (nn/ additions): the dtype= factory argument and torch.set_default_dtype decide the
# parameter dtype and the precision of the default-init draws; Embedding.from_pretrained.
import torch
import torch.nn as nn

lin64 = nn.Linear(3, 2, dtype=torch.float64)
conv64 = nn.Conv1d(1, 2, 2, dtype=torch.float64)
ln64 = nn.LayerNorm(2, dtype=torch.float64)
bn64 = nn.BatchNorm1d(2, dtype=torch.float64)
emb64 = nn.Embedding(3, 2, dtype=torch.float64)
torch.set_default_dtype(torch.float64)
lin_default = nn.Linear(2, 1)
torch.set_default_dtype(torch.float32)
lin32 = nn.Linear(2, 1)
dtypes = [lin64.weight.dtype, conv64.bias.dtype, ln64.weight.dtype, bn64.running_mean.dtype,
          bn64.num_batches_tracked.dtype, emb64.weight.dtype, lin_default.weight.dtype, lin32.weight.dtype]
y = lin64(torch.ones(1, 3, dtype=torch.float64))
pre = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
pre_facts = [pre.weight.requires_grad, pre.num_embeddings, pre(torch.tensor([1])).tolist()]
tunable = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), freeze=False, padding_idx=0)
print(dtypes)
print(lin64.weight, y, lin_default.weight, sep='\n')
print(pre, pre_facts, tunable, tunable.weight.requires_grad)
