# einsum patterns: matmul, batch matmul, outer, trace, attention scores, bilinear.
import torch

A = torch.arange(6, dtype=torch.float32).reshape(2, 3)
B = torch.arange(12, dtype=torch.float32).reshape(3, 4)
print(torch.einsum('ij,jk->ik', A, B))
print(torch.allclose(torch.einsum('ij,jk->ik', A, B), A @ B))
print(torch.einsum('i,j->ij', torch.arange(3.), torch.arange(2.)))
print(torch.einsum('ii', torch.arange(9.).reshape(3, 3)))
print(torch.einsum('ii->i', torch.arange(9.).reshape(3, 3)))
print(torch.einsum('ij->ji', A))
print(torch.einsum('ij->', A), torch.einsum('ij->j', A))
q = torch.arange(2 * 3 * 4, dtype=torch.float32).reshape(2, 3, 4) / 10
k = torch.ones(2, 5, 4)
scores = torch.einsum('bqd,bkd->bqk', q, k) / 4 ** 0.5
print(scores.shape, scores[0])
attn = scores.softmax(dim=-1)
print(attn[1, 2])
print(torch.einsum('bij,bjk->bik', q, q.transpose(1, 2)).shape)
print(torch.einsum('...ij,...jk', q, k.transpose(1, 2)).shape)
print(torch.einsum('i,i->', torch.tensor([1., 2.]), torch.tensor([3., 4.])))
print(torch.einsum('b i, b i -> b', A, A))
try:
    torch.einsum('ij,jk->ik', A, A)
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.bmm(q, q.transpose(1, 2)).shape, torch.matmul(q, torch.ones(4)).shape)
print(torch.outer(torch.arange(3), torch.arange(2)))
print(torch.mm(A, B).shape, torch.mv(A, torch.ones(3)), torch.dot(torch.ones(3), torch.arange(3.)))
