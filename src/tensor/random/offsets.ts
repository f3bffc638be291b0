// How a sampler is told where its values go. Every sampler writes into a caller-provided typed
// array: the whole array in index order when the destination is contiguous (pass a `subarray`
// for a contiguous view with a storage offset), or the listed element offsets, in order, when it
// is not (a strided or transposed view walked in memory order, as torch's TensorIterator walks
// it). Whether offsets were given also decides the normal sampler's path (RNG.md §3.1).

/** Element offsets into the destination array, in the order values are drawn. */
export type Offsets = ArrayLike<number> | Iterable<number>;

/** Offsets as an indexable list (iterables are materialised once). */
export function offsetList(offsets: Offsets): ArrayLike<number> {
  return typeof (offsets as ArrayLike<number>).length === 'number'
    ? (offsets as ArrayLike<number>)
    : Array.from(offsets as Iterable<number>);
}

/** Number of values a sampler draws for this destination. */
export function destCount(out: { length: number }, offsets?: ArrayLike<number>): number {
  return offsets ? offsets.length : out.length;
}

/** A setter for small numeric results (0/1 masks, counts) into storage of any dtype. */
export function numberWriter(out: ArrayLike<unknown> & object): (k: number, v: number) => void {
  if (out instanceof BigInt64Array) return (k, v) => (out[k] = BigInt(v));
  const o = out as { [k: number]: number };
  return (k, v) => (o[k] = v);
}
