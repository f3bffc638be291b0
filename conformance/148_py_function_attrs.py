# Function and method attributes that decorators and logging code read: __name__, __qualname__,
# __doc__, __defaults__, __kwdefaults__, __code__, functools.wraps, bound methods (Python and native).
from typing import Optional, List
def f(a, b=2):
    """doc here"""
    return a
print(f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f.__module__)
class C:
    def m(self): pass
print(C.m.__name__, C.m.__qualname__, C.__name__, C.__qualname__, C.__module__, type(C()).__name__)
g = lambda x: x
print(g.__name__, f.__code__.co_argcount if hasattr(f, '__code__') else 'nocode')
print(repr(f).split(" at ")[0])
import functools
def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        """wrapper doc"""
        return fn(*a, **k)
    return wrapper
@deco
def add(a, b=1, *, c=3):
    "adds"
    return a + b + c
print(add.__name__, add.__doc__, add.__wrapped__.__name__, add(1), add.__qualname__)
print(add.__wrapped__.__defaults__, add.__wrapped__.__kwdefaults__, add.__wrapped__.__code__.co_argcount, add.__wrapped__.__code__.co_varnames)

try:
    add.__name__ = 3
except TypeError as e:
    print('TypeError:', e)
add.tag = 'x'
print(add.tag, (lambda: 0).__name__, (lambda: 0).__doc__)
class K:
    def m(self):
        "method doc"
    @property
    def p(self): return 1
print(K.m.__doc__, K().m.__name__, K.m.__module__)
import torch.nn as nn
m = nn.Linear(2, 2)
print(m.forward.__name__, m.forward.__self__ is m, type(m).forward.__name__)
class Net(nn.Module):
    def forward(self, x):
        "the forward"
        return x
n = Net()
print(n.forward.__doc__, n.forward.__func__ is Net.forward, n.forward.__qualname__)
def hook(mod, inp, out): pass
print(hook.__name__, print.__name__, len.__qualname__)
del g, hook, deco, add, f, C, K, Net, n, m

# annotations: module, class (own, not inherited) and function __annotations__
x: int = 3
y: Optional[List[int]]
class Cfg:
    lr: float = 0.1
    name: str
    ClassVarLike: 'torch.Tensor' = None
    def f(self):
        z: int = 5
        return z
print(__annotations__)
print(Cfg.__annotations__, Cfg.lr, hasattr(Cfg, 'name'), Cfg().f())
class Empty:
    pass
print(hasattr(Empty, '__annotations__') and Empty.__annotations__)
def g(a: int, b: 'str' = 'q') -> float:
    return 1.0
print(g.__annotations__ if hasattr(g, '__annotations__') else None)
class Sub(Cfg):
    pass
print(Sub.__annotations__, Sub.lr)
del Cfg, Sub, Empty, g
