// Python operators on tensors: the binary dunders and their reflected and in-place forms, unary
// minus/invert/abs, and rich comparisons. Each maps onto the engine op PyTorch's Tensor dunder
// calls (`2 - x` is rsub, `2 / x` is x.reciprocal() * 2, `x += y` is add_ and returns x itself);
// an operand that is neither a tensor nor a Python number gives NotImplemented, so Python's own
// "unsupported operand type(s)" TypeError follows, exactly as with real tensors.

import { PyError } from '../../../../errors';
import { NotImplemented, type PyValue } from '../../../object';
import { operandOrNull } from './convert';
import { defTensor } from './type';
import * as E from './engine';
import type { Scalar, Tensor } from './engine';

type Operand = Tensor | Scalar;
const isT = (x: Operand): x is Tensor => x instanceof E.Tensor;

function binary(name: string, fn: (a: Tensor, b: Operand) => PyValue): void {
  defTensor(name, (a) => {
    const o = operandOrNull(a[1]);
    return o === null ? NotImplemented : fn(a[0] as Tensor, o);
  });
}

/** A reflected op with a scalar on the left: (self, other) → other <op> self. */
function reflected(name: string, fn: (self: Tensor, other: Operand) => PyValue): void {
  binary(name, fn);
}


binary('__add__', (a, b) => E.add(a, b));
reflected('__radd__', (a, b) => E.add(a, b));
binary('__iadd__', (a, b) => E.add_(a, b));
binary('__sub__', (a, b) => E.sub(a, b));
reflected('__rsub__', (a, b) => E.rsub(a, b));
binary('__isub__', (a, b) => E.sub_(a, b));
binary('__mul__', (a, b) => E.mul(a, b));
reflected('__rmul__', (a, b) => E.mul(a, b));
binary('__imul__', (a, b) => E.mul_(a, b));
binary('__truediv__', (a, b) => E.div(a, b));
reflected('__rtruediv__', (a, b) => (isT(b) ? E.div(b, a) : E.rdiv(a, b)));
binary('__itruediv__', (a, b) => E.div_(a, b));
binary('__floordiv__', (a, b) => E.floorDivide(a, b));
reflected('__rfloordiv__', (a, b) => (isT(b) ? E.floorDivide(b, a) : E.rfloorDivide(a, b)));
binary('__ifloordiv__', (a, b) => E.floorDivide_(a, b));
binary('__mod__', (a, b) => E.remainder(a, b));
reflected('__rmod__', (a, b) => (isT(b) ? E.remainder(b, a) : E.rremainder(a, b)));
binary('__imod__', (a, b) => E.remainder_(a, b));
binary('__pow__', (a, b) => E.pow(a, b));
reflected('__rpow__', (a, b) => E.pow(b, a));
binary('__ipow__', (a, b) => E.pow_(a, b));
binary('__matmul__', (a, b) => (isT(b) ? E.matmul(a, b) : NotImplemented));
reflected('__rmatmul__', (a, b) => (isT(b) ? E.matmul(b, a) : NotImplemented));
binary('__and__', (a, b) => E.bitwiseAnd(a, b));
reflected('__rand__', (a, b) => E.bitwiseAnd(a, b));
binary('__iand__', (a, b) => E.bitwiseAnd_(a, b));
binary('__or__', (a, b) => E.bitwiseOr(a, b));
reflected('__ror__', (a, b) => E.bitwiseOr(a, b));
binary('__ior__', (a, b) => E.bitwiseOr_(a, b));
binary('__xor__', (a, b) => E.bitwiseXor(a, b));
reflected('__rxor__', (a, b) => E.bitwiseXor(a, b));
binary('__ixor__', (a, b) => E.bitwiseXor_(a, b));

// Comparisons: a tensor against anything else is NotImplemented (so `t == None` is False).
binary('__eq__', (a, b) => E.eq(a, b));
binary('__ne__', (a, b) => E.ne(a, b));
binary('__lt__', (a, b) => E.lt(a, b));
binary('__le__', (a, b) => E.le(a, b));
binary('__gt__', (a, b) => E.gt(a, b));
binary('__ge__', (a, b) => E.ge(a, b));

defTensor('__neg__', (a) => E.neg(a[0] as Tensor));
defTensor('__pos__', (a) => {
  const t = a[0] as Tensor;
  if (t.dtype === 'bool') throw new PyError('RuntimeError', 'The `+` operator, on a bool tensor is not supported.');
  return t;
});
defTensor('__invert__', (a) => E.invert(a[0] as Tensor));
defTensor('__abs__', (a) => E.abs(a[0] as Tensor));
