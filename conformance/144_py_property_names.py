# property names come from __set_name__ (even a lambda getter): the no-setter / no-deleter messages.
class A:
    x = property(lambda self: 1)
    def _g(self):
        return 2
    y = property(_g)
a = A()
for name in ('x', 'y'):
    try:
        setattr(a, name, 5)
    except AttributeError as e:
        print(e)
try:
    del a.x
except AttributeError as e:
    print(e)
print(a.x, a.y)
