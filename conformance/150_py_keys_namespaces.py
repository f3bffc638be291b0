# Python object model a training script leans on: config objects filled through __dict__/vars(),
# a model cache keyed by objects whose __hash__ collides but __eq__ differs, 1/1.0/True as one key,
# a registry written through globals(), and an nn.Module's __dict__ (parameters live elsewhere).
import torch
import torch.nn as nn
from torch.func import functional_call


class Config:
    def __init__(self, **kw):
        self.lr = 0.1
        self.__dict__.update(kw)

    def __repr__(self):
        return 'Config(' + ', '.join(f'{k}={v!r}' for k, v in vars(self).items()) + ')'


cfg = Config(hidden=4, act='relu')
print(cfg, sorted(vars(cfg)), vars(cfg) is cfg.__dict__)
cfg.__dict__['lr'] = 0.05
vars(cfg)['epochs'] = 2
print(cfg.lr, cfg.epochs, 'act' in cfg.__dict__)
del cfg.__dict__['act']
print(hasattr(cfg, 'act'), cfg)


class ShapeKey:
    """Keys for a model cache: every key hashes alike (a deliberately poor hash), == decides."""

    def __init__(self, din, dout):
        self.din, self.dout = din, dout

    def __hash__(self):
        return 42

    def __eq__(self, other):
        return isinstance(other, ShapeKey) and (self.din, self.dout) == (other.din, other.dout)

    def __repr__(self):
        return f'ShapeKey({self.din}, {self.dout})'


cache = {}
for din, dout in [(2, 3), (3, 1), (2, 3), (4, 2), (3, 1)]:
    key = ShapeKey(din, dout)
    if key not in cache:
        torch.manual_seed(din * 10 + dout)
        cache[key] = nn.Linear(din, dout)
print(len(cache), list(cache), ShapeKey(4, 2) in cache, ShapeKey(9, 9) in cache)
del cache[ShapeKey(2, 3)]
print(list(cache), cache[ShapeKey(4, 2)].out_features)
seen = {ShapeKey(1, 1), ShapeKey(1, 2), ShapeKey(1, 1)}
print(len(seen), sorted((k.din, k.dout) for k in seen))

steps = {1: 'one', 1.0: 'float one', True: 'true'}
steps[(2, 'a')] = 'pair'
steps[(2.0, 'a')] = 'pair again'
print(steps, len(steps))

for name in ['encoder', 'decoder']:
    torch.manual_seed(len(name))
    globals()[name + '_layer'] = nn.Linear(2, 2)
print(type(encoder_layer).__name__, 'decoder_layer' in globals(), globals() is globals())
registry = {k: v for k, v in globals().items() if k.endswith('_layer')}
print(sorted(registry))

m = cache[ShapeKey(3, 1)]
# `_d`: the harness dumps globals, and listing a Module's __dict__ is refused here (its hook dicts
# live outside it; see src/python/namespace.ts), so the dict is kept out of the dump.
_d = m.__dict__
print('weight' in _d, sorted(_d['_parameters']), _d['in_features'], vars(m) is _d)
_d['tag'] = 'cached'
print(m.tag, m.weight is _d['_parameters']['weight'])
x = torch.arange(6.0).reshape(2, 3)
zero = {'weight': torch.zeros(1, 3), 'bias': torch.ones(1)}
out = functional_call(m, zero, (x,))
print(out, m(x).shape)
