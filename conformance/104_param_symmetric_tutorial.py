# The parametrizations tutorial: Symmetric and MatrixExponential on nn.Linear.
import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P

torch.manual_seed(0)

class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)

layer = nn.Linear(3, 3)
P.register_parametrization(layer, "weight", Symmetric())
A = layer.weight
dist_text = str(torch.dist(A, A.T))
print(dist_text)
print(A)
print(layer)
print(layer.parametrizations.weight.original)

class Skew(nn.Module):
    def forward(self, X):
        A = X.triu(1)
        return A - A.transpose(-1, -2)

class MatrixExponential(nn.Module):
    def forward(self, X):
        return torch.matrix_exp(X)

layer_orthogonal = nn.Linear(3, 3)
P.register_parametrization(layer_orthogonal, "weight", Skew())
P.register_parametrization(layer_orthogonal, "weight", MatrixExponential())
Q = layer_orthogonal.weight
print(torch.dist(Q.T @ Q, torch.eye(3)) < 1e-5)
print(P.is_parametrized(layer_orthogonal), P.is_parametrized(layer_orthogonal, "bias"))
print(layer_orthogonal.parametrizations.weight)
print([k for k in layer_orthogonal.state_dict()])
P.remove_parametrizations(layer_orthogonal, "weight")
print(type(layer_orthogonal).__name__, [k for k in layer_orthogonal.state_dict()])
