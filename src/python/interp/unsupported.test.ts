// Constructs outside the Python subset end with a NotImplementedError naming the construct when
// they run (DESIGN: never a silent skip), and the lines before them still run. These messages are
// our own contract (CPython would run the code), so they are stated here rather than taken from
// the oracle.

import { describe, expect, it } from 'vitest';
import { runScript } from '../../run/run';

const cases: [string, string, string][] = [
  ['complex literal', "print('a')\nx = 2j\n", 'complex literals are not supported (complex numbers are outside the Python subset)'],
  ['async def', "print('a')\nasync def f():\n    pass\n", "'async def' is not supported (async code is outside the Python subset)"],
];

describe('unsupported constructs', () => {
  for (const [name, src, msg] of cases) {
    it(name, async () => {
      const r = await runScript(src);
      expect(r.stdout).toBe('a\n');
      expect(r.error?.type).toBe('NotImplementedError');
      expect(r.error?.message).toBe(msg);
      expect(r.error?.traceback.map((t) => t.line)).toEqual([2]);
    });
  }
});
