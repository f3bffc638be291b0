# print() writes piece by piece, as CPython does: what precedes an argument whose __str__ raises
# is already out, and a file object receives each piece in its own write() call.
class Boom:
    def __str__(self): raise ValueError('boom')
try:
    print('first', Boom(), sep='|')
except ValueError:
    print()
    print('after')
import sys
class F:
    def write(self, t): sys.stdout.write(repr(t) + ';')
print('a', 'b', sep='-', end='!', file=F())
print()
del Boom, F
