# property names come from __set_name__ (even a lambda getter): the no-setter / no-deleter messages.
class A:
    x = property(lambda self: 1)
    def _g(self):
        return 2
    y = property(_g)
_a = A()
for name in ('x', 'y'):
    try:
        setattr(_a, name, 5)
    except AttributeError as e:
        print(e)
try:
    del _a.x
except AttributeError as e:
    print(e)
print(_a.x, _a.y)
