// runForReport over the real interpreter (plain Python; the torch bindings are tested with the
// report builder): console order, the error record and its underline, the time limit.
import { describe, expect, it } from 'vitest';
import { runForReport } from './runForReport';

describe('runForReport', () => {
  it('captures stdout and ends with an empty error', async () => {
    const r = await runForReport('x = 2\nprint("hi", x)\n');
    expect(r.stdout).toBe('hi 2\n');
    expect(r.console).toEqual([{ stream: 'stdout', text: 'hi 2\n' }]);
    expect(r.error).toBeNull();
    expect(r.calls).toEqual([]);
    expect(r.filename).toBe('main.py');
  });

  it('records an uncaught exception with its traceback text and the line to underline', async () => {
    const src = 'print(1)\ndef f():\n    return {}["r"]\nf()\n';
    const r = await runForReport(src);
    expect(r.error!.type).toBe('KeyError');
    expect(r.error!.traceback.map((f) => f.line)).toEqual([4, 3]);
    expect(src.slice(r.error!.span!.from, r.error!.span!.to)).toBe('return {}["r"]');
    expect(r.console[0]).toEqual({ stream: 'stdout', text: '1\n' });
    expect(r.console[1].stream).toBe('stderr');
    expect(r.console[1].text).toBe(r.error!.text);
    expect(r.error!.text.startsWith('Traceback (most recent call last):')).toBe(true);
  });

  it('points a syntax error at its position', async () => {
    const src = 'print(1)\nx = = 2\n';
    const r = await runForReport(src);
    expect(r.error!.type).toBe('SyntaxError');
    expect(r.error!.span!.line).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('stops a runaway loop with TimeoutError naming the limit', async () => {
    const r = await runForReport('while True:\n    pass\n', { maxMillis: 200 });
    expect(r.error!.type).toBe('TimeoutError');
    expect(r.error!.message).toContain('200 ms');
    expect(r.error!.span!.line).toBeGreaterThanOrEqual(1);
  });

  it('installs and clears the observer around the run', async () => {
    const seen: unknown[] = [];
    await runForReport('pass\n', { setObserver: (o) => seen.push(o) });
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBeNull();
    expect(seen[1]).toBeNull();
  });
});
