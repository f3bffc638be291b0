# torch.distributions in the two places demos use it: a REINFORCE policy-gradient step (a
# Categorical over a policy network's logits, the policy called through functional_call with
# fast weights) and a VAE step (Normal posterior, rsample, Bernoulli likelihood on logits,
# kl_divergence to the prior), printing losses, samples and gradients.
import torch
import torch.nn as nn
from torch.func import functional_call
from torch.distributions import Categorical, Normal, Bernoulli, Independent, kl_divergence

torch.manual_seed(0)
policy = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 3))
params = dict(policy.named_parameters())
states = torch.randn(5, 4)
logits = functional_call(policy, params, (states,))
dist = Categorical(logits=logits)
print(dist)
actions = dist.sample()
print("actions", actions)
returns = torch.tensor([1.0, -0.5, 2.0, 0.0, 1.5])
logp = dist.log_prob(actions)
print("log_prob", logp)
loss = -(logp * (returns - returns.mean())).mean() - 0.01 * dist.entropy().mean()
print("pg loss", loss.item())
grads = torch.autograd.grad(loss, list(params.values()))
fast = {k: v - 0.1 * g for (k, v), g in zip(params.items(), grads)}
new_logits = functional_call(policy, fast, (states,))
new_dist = Categorical(logits=new_logits)
print("kl(old||new)", kl_divergence(dist, new_dist))
print("new log_prob", new_dist.log_prob(actions))
print("probs row 0", new_dist.probs[0])

# VAE step
enc = nn.Linear(6, 4)
dec = nn.Linear(2, 6)
x = torch.bernoulli(torch.full((3, 6), 0.5))
h = enc(x)
mu, logvar = h[:, :2], h[:, 2:]
q = Normal(mu, torch.exp(0.5 * logvar))
z = q.rsample()
print("z", z)
px = Independent(Bernoulli(logits=dec(z)), 1)
rec = px.log_prob(x)
kl = kl_divergence(q, Normal(torch.zeros_like(mu), torch.ones_like(logvar))).sum(-1)
elbo = (rec - kl).mean()
print("rec", rec)
print("kl", kl)
print("elbo", elbo.item())
(-elbo).backward()
print("enc.weight.grad", enc.weight.grad)
print("dec.bias.grad", dec.bias.grad)
print(q.batch_shape, px.batch_shape, px.event_shape)
