// The `time` module for timing loops in scripts: time(), perf_counter(), monotonic(),
// process_time() and their _ns variants from the JS clocks, and sleep() — which returns at once
// (a run has a wall-clock budget, and waiting changes nothing a script can print), after checking
// its argument as CPython does.

import { PyError } from '../../errors';
import { type PyValue, PyFloat } from '../object';
import { asFloat } from '../builtins/numbers';
import { registerModule } from '../interp/modules';
import { fn, makeModule, typeError } from './native';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function timeModule(): PyValue {
  const secs = (name: string, f: () => number): PyValue => fn(name, () => new PyFloat(f()), `time.${name}`);
  const nanos = (name: string, f: () => number): PyValue => fn(name, () => {
    const v = BigInt(Math.round(f() * 1e6));
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }, `time.${name}`);
  return makeModule('time', {
    time: secs('time', () => Date.now() / 1000),
    perf_counter: secs('perf_counter', () => now() / 1000),
    monotonic: secs('monotonic', () => now() / 1000),
    process_time: secs('process_time', () => now() / 1000),
    time_ns: nanos('time_ns', () => Date.now()),
    perf_counter_ns: nanos('perf_counter_ns', now),
    monotonic_ns: nanos('monotonic_ns', now),
    sleep: fn('sleep', (a) => {
      if (a.length !== 1) throw typeError(`time.sleep() takes exactly one argument (${a.length} given)`);
      const s = asFloat(a[0]);
      if (s === undefined) throw typeError(`'${typeof a[0] === 'string' ? 'str' : 'object'}' object cannot be interpreted as an integer`);
      if (s < 0) throw new PyError('ValueError', 'sleep length must be non-negative');
      return null;
    }, 'time.sleep'),
  });
}

registerModule('time', timeModule);
