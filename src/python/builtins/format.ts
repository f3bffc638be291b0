// format(value, spec): the bridge from Python values to numfmt's format-spec mini-language for
// int/bool/float/str, and to a class's own __format__ for anything else (tensors register one;
// object.__format__ accepts only an empty spec).

import { PyError } from '../../errors';
import { formatSpec } from '../numfmt';
import { type PyValue, PyCallable, PyFloat, call, typeOf, ObjectType } from '../object';
import { bigintToDecimal, str } from './repr';

export async function formatValue(v: PyValue, spec: string): Promise<string> {
  switch (typeof v) {
    case 'string':
      return formatSpec({ kind: 'str', v }, spec);
    case 'number':
      return formatSpec({ kind: 'int', v }, spec);
    case 'bigint':
      if (!/[bcoxX]$/.test(spec)) bigintToDecimal(v); // the digit limit applies to decimal output
      return formatSpec({ kind: 'int', v }, spec);
    case 'boolean':
      return formatSpec({ kind: 'bool', v }, spec);
  }
  if (v instanceof PyFloat) return formatSpec({ kind: 'float', v: v.v }, spec);
  const t = typeOf(v);
  const f = t.lookup('__format__');
  if (f instanceof PyCallable && f !== ObjectType.dict!.get('__format__')) {
    const r = await call(f, [v, spec]);
    if (typeof r !== 'string') throw new PyError('TypeError', `__format__ must return a str, not ${typeOf(r).name}`);
    return r;
  }
  if (spec !== '') throw new PyError('TypeError', `unsupported format string passed to ${t.name}.__format__`);
  return str(v);
}
