// Run limits: the step budget and the wall-clock limit end a runaway script with an uncaught
// TimeoutError naming the limit (even when the script catches every exception), and deep Python
// recursion stays within the JS stack.

import { describe, expect, it } from 'vitest';
import { runScript } from '../../run/run';

describe('limits', () => {
  it('stops an endless loop at the wall-clock limit', async () => {
    const r = await runScript('x = 0\nwhile True:\n    x += 1\n', { limits: { maxMillis: 150 } });
    expect(r.error?.type).toBe('TimeoutError');
    expect(r.error?.message).toBe('time limit of 150 ms exceeded');
    expect(r.error?.formatted).toContain('TimeoutError: time limit of 150 ms exceeded');
  });
  it('stops at the step budget even when the script swallows exceptions', async () => {
    const src = 'n = 0\nwhile True:\n    try:\n        n += 1\n    except BaseException:\n        pass\n';
    const r = await runScript(src, { limits: { maxSteps: 20_000 } });
    expect(r.error?.type).toBe('TimeoutError');
    expect(r.error?.message).toBe('step limit of 20000 steps exceeded');
    expect(r.globals.get('n')).toBeGreaterThan(10_000);
  });
  it('raises RecursionError at the recursion limit without overflowing the JS stack', async () => {
    const r = await runScript('def f(n):\n    return f(n + 1) + 1\nf(0)\n');
    expect(r.error?.type).toBe('RecursionError');
    expect(r.error?.traceback.length).toBe(1000);
  });
});
