# Python float math printed with every bit (repr), as a training script computes it by hand:
# learning-rate schedules with ** and math.cos (step decay, exponential, polynomial, cosine
# annealing with warm restarts, warmup), Adam's bias corrections beta ** step, a softmax and
# log-sum-exp with math.exp / math.log, log-likelihoods, entropy in bits (math.log2), decibels
# (math.log10), tanh/sinh/cosh/atan2/hypot, int ** negative int, and CPython's error texts for
# 0.0 ** -1, overflow in ** / math.exp / math.pow, and domain errors. CPython computes these with
# glibc's libm; V8's Math.* differs in the last bit for a few % of arguments.
import math

import torch

base_lr = 0.1
print("step decay", [base_lr * 0.5 ** (epoch // 3) for epoch in range(12)])
print("exponential", [base_lr * 0.95 ** epoch for epoch in range(0, 60, 7)])
print("polynomial", [base_lr * (1 - epoch / 50) ** 0.9 for epoch in range(0, 50, 6)])
T_max, eta_min = 17, 1e-4
print("cosine", [eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2 for t in range(0, T_max + 1, 2)])
T_0 = 7
print("restarts", [eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * (t % T_0) / T_0)) / 2 for t in range(15)])
warm = 5
print("warmup", [base_lr * min(1.0, (s + 1) / warm) * 0.98 ** max(0, s - warm) for s in range(10)])

beta1, beta2 = 0.9, 0.999
for step in [1, 2, 3, 4, 10, 57, 100, 1000]:
    bc1 = 1 - beta1 ** step
    bc2 = 1 - beta2 ** step
    print("adam", step, bc1, bc2, math.sqrt(bc2) / bc1, 0.96 ** (step * 0.004))

logits = [2.0, 1.0, 0.1, -1.3, 3.7]
m = max(logits)
exps = [math.exp(z - m) for z in logits]
total = sum(exps)
probs = [e / total for e in exps]
print("softmax", probs)
lse = m + math.log(total)
print("logsumexp", lse, [z - lse for z in logits])
labels = [4, 0, 1]
print("nll", [-math.log(probs[k]) for k in labels], sum(-math.log(probs[k]) for k in labels) / len(labels))
print("entropy bits", -sum(p * math.log2(p) for p in probs))
print("decibels", [10 * math.log10(p) for p in probs])
print("log1p/expm1", math.log1p(1e-10), math.expm1(1e-10), math.log1p(0.5), math.expm1(-0.7))

xs = [0.1 * k - 1.3 for k in range(9)]
print("tanh", [math.tanh(x) for x in xs])
print("sinh cosh", [(math.sinh(x), math.cosh(x)) for x in xs[::3]])
print("sigmoid", [1 / (1 + math.exp(-x)) for x in xs])
print("gelu tanh", [0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3))) for x in xs])
print("trig", [math.sin(x) for x in xs], [math.tan(x) for x in xs[:4]])
print("inverse", math.atan(0.7), math.asin(0.3), math.acos(-0.45), math.atan2(-1.5, -2.5), math.atan2(0.0, -0.0))
print("hypot", math.hypot(3.0, 4.1), math.hypot(1e-3, 2e-3, 3e-3), math.hypot(*[0.1] * 10))
print("pow", math.pow(2.5, 3.7), 10 ** -3, 2 ** -10, 7 ** -2, (-2.0) ** 3, (-0.5) ** -3, 1.5 ** 100, 0.3 ** 0.5, 2.0 ** 0.5)
print("exp/log", math.exp(1), math.exp(-20.5), math.log(10), math.log(2 ** 1000), math.log(8, 2), math.log2(10), math.log10(2), math.exp(700))
print("big", 1.0000001 ** 1e6, 0.9999 ** 100000, (1 + 1 / 12) ** 12, math.exp(0.5) ** 2)
print("degrees", math.degrees(1.0), math.radians(45), math.e ** math.pi)


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, str(e))


attempt("0.0 ** -1", lambda: 0.0 ** -1)
attempt("0 ** -2", lambda: 0 ** -2)
attempt("10.0 ** 400", lambda: 10.0 ** 400)
attempt("(-2.0) ** 1025", lambda: (-2.0) ** 1025)
attempt("2.0 ** -1100", lambda: 2.0 ** -1100)
attempt("math.pow(0, -1)", lambda: math.pow(0.0, -1.0))
attempt("math.pow(-8, 1/3)", lambda: math.pow(-8.0, 1 / 3))
attempt("math.pow(10, 400)", lambda: math.pow(10.0, 400.0))
attempt("math.exp(1000)", lambda: math.exp(1000))
attempt("math.exp(-1000)", lambda: math.exp(-1000))
attempt("math.log(0)", lambda: math.log(0))
attempt("math.log(-1.5)", lambda: math.log(-1.5))
attempt("math.log(10 ** 400)", lambda: math.log(10 ** 400))
attempt("math.sqrt(-1)", lambda: math.sqrt(-1))
attempt("math.cosh(800)", lambda: math.cosh(800))
attempt("math.acos(1.5)", lambda: math.acos(1.5))
attempt("math.log1p(-1)", lambda: math.log1p(-1))
attempt("math.atanh(1)", lambda: math.atanh(1))
attempt("math.sin(inf)", lambda: math.sin(math.inf))
attempt("inf ** 0", lambda: math.inf ** 0)
attempt("nan ** 0", lambda: math.nan ** 0)
attempt("1 ** nan", lambda: 1.0 ** math.nan)
attempt("0.0 ** -inf", lambda: 0.0 ** -math.inf)

# the same learning rates through a real optimizer and scheduler
def scheduled():
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=base_lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=T_max, eta_min=eta_min)
    lrs = []
    for _ in range(6):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr()[0])
    return lrs


print("scheduler", scheduled())
