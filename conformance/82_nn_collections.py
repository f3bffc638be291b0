# collections (nn/ additions): state_dict() is an OrderedDict (repr, type, order-sensitive equality
# with another OrderedDict, order-blind with a dict), OrderedDict methods, defaultdict, Counter,
# namedtuple — the parts scripts that build models use.
import torch
import torch.nn as nn
from collections import OrderedDict, defaultdict, Counter, namedtuple
import collections
import copy

m = nn.Linear(2, 2)
with torch.no_grad():
    m.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    m.bias.fill_(0.5)
sd = m.state_dict()
print(sd)
print(type(sd).__name__, isinstance(sd, dict), isinstance(sd, OrderedDict), list(sd.keys()))
print(copy.deepcopy(sd).__class__.__name__, copy.copy(sd).__class__.__name__)
print(nn.Sequential(nn.Linear(1, 1)).state_dict().__class__.__name__)

od = OrderedDict([('a', 1), ('b', 2), ('c', 3)])
od['d'] = 4
od.move_to_end('a')
print(od, list(od))
od.move_to_end('d', last=False)
print(od)
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict(x=1), repr(OrderedDict({'k': [1, 2]})))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {'b': 2, 'a': 1})
print({'b': 2, 'a': 1} == OrderedDict(a=1, b=2), OrderedDict(a=1) != OrderedDict(a=1))
c = od.copy()
c['z'] = 0
print(type(c).__name__, c, od, len(od), 'z' in c)
try:
    od.move_to_end('nope')
except KeyError as e:
    print('KeyError', e)
try:
    OrderedDict().popitem()
except KeyError as e:
    print('KeyError', e)
print(OrderedDict.fromkeys(['p', 'q'], 0))
seq = nn.Sequential(OrderedDict([('fc', nn.Linear(2, 3)), ('act', nn.ReLU())]))
print(seq)
print(list(seq.state_dict().keys()))

dd = defaultdict(list)
dd['x'].append(1)
dd['x'].append(2)
dd['y']
print(dd, dict(dd), dd.default_factory, 'y' in dd, len(dd))
di = defaultdict(int)
for w in ['a', 'b', 'a']:
    di[w] += 1
print(di, di.get('zz'), 'zz' in di)
cnt = Counter(['a', 'b', 'a', 'c', 'a', 'b'])
print(cnt, cnt['a'], cnt['zz'], cnt.most_common(2), type(cnt).__name__)
cnt.update(['c', 'c', 'c'])
print(cnt, sorted(cnt.elements()))

Point = namedtuple('Point', ['x', 'y'])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], tuple(p), p._fields, p._asdict(), p._replace(x=5), len(p))
a, b = p
print(a + b, isinstance(p, tuple), type(p).__name__, p == (1, 2))
P3 = collections.namedtuple('P3', 'a b c', defaults=[0])
print(P3(1, 2), P3._make([4, 5, 6]))
try:
    Point(1)
except TypeError as e:
    print('TypeError', e)
