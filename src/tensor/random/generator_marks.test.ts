// markAllGenerators / rewindAllGenerators: the whole-set rewind that run/hostSync.ts uses when a
// native on the webgpu device is made again host-side. Every generator alive at the mark — the
// default one and user torch.Generator()s — must come back to its position, so the retried call
// draws the same numbers the script would have drawn once.

import { describe, expect, test } from 'vitest';
import { defaultGenerator, Generator, markAllGenerators, releaseAllGenerators, rewindAllGenerators } from './generator';

const draw = (g: Generator, n: number): number[] => Array.from({ length: n }, () => g.random());

describe('marks over every live generator', () => {
  test('a user generator and the default one both rewind', () => {
    const user = new Generator(7);
    draw(user, 5);
    const m = markAllGenerators();
    // past a twist (624 words) so the saved state words matter too
    const first = draw(user, 700);
    const firstDefault = draw(defaultGenerator, 3);
    rewindAllGenerators(m);
    expect(draw(user, 700)).toEqual(first);
    expect(draw(defaultGenerator, 3)).toEqual(firstDefault);
  });

  test('a reseed inside the call is undone', () => {
    const user = new Generator(1);
    const m = markAllGenerators();
    const expected = [...draw(user.clone(), 4)];
    user.manualSeed(99);
    draw(user, 10);
    rewindAllGenerators(m);
    expect(draw(user, 4)).toEqual(expected);
  });

  test('release keeps the draws and closes the marks', () => {
    const user = new Generator(3);
    const m = markAllGenerators();
    const a = draw(user, 2);
    releaseAllGenerators(m);
    const b = draw(user, 2);
    expect(b).not.toEqual(a);
    expect(draw(new Generator(3), 4)).toEqual([...a, ...b]);
  });
});
