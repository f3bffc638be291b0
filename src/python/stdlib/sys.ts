// The `sys` module as scripts touch it: version / version_info / hexversion of the CPython the
// goldens come from (3.13.5), maxsize, argv (`['main.py']`, the page's script name), stdout /
// stderr objects whose write() goes to the run's streams (print(file=sys.stderr) too), platform,
// byteorder, the recursion limit (read-only here), float_info and exit().

import { PyError } from '../../errors';
import {
  type PyValue, Builtins, PyDict, PyFloat, PyList, PyObject, PyTuple, makeType, nativeProperty, typeOf,
} from '../object';
import { str } from '../builtins/repr';
import { repr } from '../builtins/repr';
import { rt } from '../interp/runtime';
import { registerModule } from '../interp/modules';
import { fn, makeModule, method } from './native';

/** A struct sequence such as sys.version_info: a tuple with named fields and a `sys.x(...)` repr. */
function structSeq(name: string, fields: string[], values: PyValue[]): PyTuple {
  const t = makeType(name, [Builtins.tuple], 'sys');
  fields.forEach((fl, i) => t.dict!.set(fl, nativeProperty(fl, (s) => (s as PyTuple).items[i])));
  method(t, '__repr__', async (s) => {
    const parts: string[] = [];
    for (let i = 0; i < fields.length; i++) parts.push(`${fields[i]}=${await repr((s as PyTuple).items[i])}`);
    return `sys.${name}(${parts.join(', ')})`;
  });
  return new PyTuple(values, t);
}

const StreamType = makeType('TextIOWrapper', [], '_io');
method(StreamType, 'write', async (s, [text]) => {
  if (typeof text !== 'string') throw new PyError('TypeError', `write() argument must be str, not ${typeOf(text).name}`);
  const err = (s as { isStderr?: boolean }).isStderr === true;
  if (err) rt().writeErr(text);
  else rt().write(text);
  return text.length;
});
method(StreamType, 'flush', () => null);
method(StreamType, 'isatty', () => false);
function stream(isStderr: boolean): PyObject {
  const o = new PyObject(StreamType, null);
  Object.assign(o, isStderr ? { isStderr: true } : { isStdout: true });
  return o;
}

function sysModule(): PyValue {
  const F = (x: number): PyFloat => new PyFloat(x);
  return makeModule('sys', {
    version: '3.13.5 (main, Aug 10 2026, 12:06:59) [GCC 14.2.0]',
    version_info: structSeq('version_info', ['major', 'minor', 'micro', 'releaselevel', 'serial'], [3, 13, 5, 'final', 0]),
    hexversion: 0x030d05f0,
    maxsize: 9223372036854775807n,
    argv: new PyList(['main.py']),
    platform: 'linux',
    byteorder: 'little',
    path: new PyList([]),
    // A snapshot of the modules imported so far (enough for `'x' in sys.modules` checks).
    modules: PyDict.fromEntries(rt().modules.entries()),
    stdout: stream(false),
    stderr: stream(true),
    float_info: structSeq('float_info', ['max', 'max_exp', 'max_10_exp', 'min', 'min_exp', 'min_10_exp', 'dig', 'mant_dig', 'epsilon', 'radix', 'rounds'],
      [F(Number.MAX_VALUE), 1024, 308, F(2.2250738585072014e-308), -1021, -307, 15, 53, F(Number.EPSILON), 2, 1]),
    getrecursionlimit: fn('getrecursionlimit', () => rt().limits.maxDepth, 'sys.getrecursionlimit'),
    setrecursionlimit: fn('setrecursionlimit', () => null, 'sys.setrecursionlimit'),
    exit: fn('exit', async (a) => {
      const code = a.length ? a[0] : null;
      throw new PyError('SystemExit', code === null ? '' : await str(code), [code]);
    }, 'sys.exit'),
  });
}

registerModule('sys', sysModule);
