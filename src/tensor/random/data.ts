// The random draws of torch.utils.data (RNG.md §7): the index order of one shuffled DataLoader
// epoch and the index lists of random_split. Pure functions of generators; the DataLoader and
// Dataset bindings call them.

import { Generator } from './generator';
import { randperm } from './integers';

/** One int64 `random_()` draw, as the loader's base seed and the sampler's seed are drawn. */
const drawSeed = (g: Generator): bigint => g.random64() & ((1n << 63n) - 1n);

/**
 * Index order of one epoch of DataLoader(dataset of length n, shuffle=True), single process.
 * With no explicit generator: the loader's base seed and the sampler's seed are drawn from
 * `defaultGen`, and the order is randperm(n) of a fresh Generator seeded with the latter.
 * With `generator`: both the base seed and randperm come from it, and an epoch consumed to the
 * end also calls randperm(n) once more (pass `completed = false` for an abandoned epoch).
 */
export function dataLoaderEpochOrder(
  defaultGen: Generator,
  n: number,
  generator: Generator | null = null,
  completed = true,
): Float64Array {
  if (generator === null) {
    drawSeed(defaultGen); // _base_seed
    const seed = drawSeed(defaultGen);
    return randperm(new Generator(seed), n);
  }
  drawSeed(generator);
  const order = randperm(generator, n);
  if (completed) randperm(generator, n); // the sampler's trailing randperm(n)[:0]
  return order;
}

/** torch.utils.data.random_split with integer lengths: consecutive slices of randperm(sum). */
export function randomSplitIndices(gen: Generator, lengths: readonly number[]): Float64Array[] {
  const total = lengths.reduce((a, b) => a + b, 0);
  const perm = randperm(gen, total);
  const out: Float64Array[] = [];
  let off = 0;
  for (const len of lengths) {
    out.push(perm.slice(off, off + len));
    off += len;
  }
  return out;
}
