// libstdc++'s unstable sorting algorithms (std::sort, std::nth_element, std::partial_sort),
// ported step for step. PyTorch's CPU kernels call them for sort(stable=False), topk and mode, so
// which of several equal elements ends up where — the `indices` a script prints — is decided by
// these exact partition and heap moves. A generic stable sort would give the right values but the
// wrong indices on ties; this port gives PyTorch's.
//
// The sequence is two parallel arrays (key, original index) moved together, as PyTorch sorts
// (value, index) pairs; `less` sees both so tie-breaking comparators can be expressed.

export type Key = number | bigint;
export type Less = (ka: Key, ia: number, kb: Key, ib: number) => boolean;

/** A view of [first, last) over parallel key/index arrays. */
export class Seq {
  constructor(
    readonly k: Key[],
    readonly ix: number[],
    readonly less: Less,
  ) {}
  private lt(a: number, b: number): boolean {
    return this.less(this.k[a], this.ix[a], this.k[b], this.ix[b]);
  }
  private swap(a: number, b: number): void {
    const tk = this.k[a];
    this.k[a] = this.k[b];
    this.k[b] = tk;
    const ti = this.ix[a];
    this.ix[a] = this.ix[b];
    this.ix[b] = ti;
  }
  private move(dst: number, src: number): void {
    this.k[dst] = this.k[src];
    this.ix[dst] = this.ix[src];
  }

  /** std::sort(first, last). */
  sort(first: number, last: number): void {
    if (first === last) return;
    this.introsortLoop(first, last, lg(last - first) * 2);
    this.finalInsertionSort(first, last);
  }

  /** std::nth_element(first, nth, last). */
  nthElement(first: number, nth: number, last: number): void {
    if (first === last || nth === last) return;
    let depth = lg(last - first) * 2;
    while (last - first > 3) {
      if (depth === 0) {
        this.heapSelect(first, nth + 1, last);
        this.swap(first, nth);
        return;
      }
      depth--;
      const cut = this.partitionPivot(first, last);
      if (cut <= nth) first = cut;
      else last = cut;
    }
    this.insertionSort(first, last);
  }

  /** std::partial_sort(first, middle, last). */
  partialSort(first: number, middle: number, last: number): void {
    this.heapSelect(first, middle, last);
    this.sortHeap(first, middle);
  }

  private introsortLoop(first: number, last: number, depth: number): void {
    while (last - first > THRESHOLD) {
      if (depth === 0) {
        this.partialSort(first, last, last);
        return;
      }
      depth--;
      const cut = this.partitionPivot(first, last);
      this.introsortLoop(cut, last, depth);
      last = cut;
    }
  }

  private partitionPivot(first: number, last: number): number {
    const mid = first + Math.floor((last - first) / 2);
    this.moveMedianToFirst(first, first + 1, mid, last - 1);
    return this.unguardedPartition(first + 1, last, first);
  }

  private moveMedianToFirst(result: number, a: number, b: number, c: number): void {
    if (this.lt(a, b)) {
      if (this.lt(b, c)) this.swap(result, b);
      else if (this.lt(a, c)) this.swap(result, c);
      else this.swap(result, a);
    } else if (this.lt(a, c)) this.swap(result, a);
    else if (this.lt(b, c)) this.swap(result, c);
    else this.swap(result, b);
  }

  private unguardedPartition(first: number, last: number, pivot: number): number {
    for (;;) {
      while (this.lt(first, pivot)) first++;
      last--;
      while (this.lt(pivot, last)) last--;
      if (!(first < last)) return first;
      this.swap(first, last);
      first++;
    }
  }

  private finalInsertionSort(first: number, last: number): void {
    if (last - first > THRESHOLD) {
      this.insertionSort(first, first + THRESHOLD);
      for (let i = first + THRESHOLD; i !== last; i++) this.unguardedLinearInsert(i);
    } else this.insertionSort(first, last);
  }

  private insertionSort(first: number, last: number): void {
    if (first === last) return;
    for (let i = first + 1; i !== last; i++) {
      if (this.lt(i, first)) {
        const vk = this.k[i];
        const vi = this.ix[i];
        for (let j = i; j > first; j--) this.move(j, j - 1);
        this.k[first] = vk;
        this.ix[first] = vi;
      } else this.unguardedLinearInsert(i);
    }
  }

  private unguardedLinearInsert(last: number): void {
    const vk = this.k[last];
    const vi = this.ix[last];
    let next = last - 1;
    while (this.less(vk, vi, this.k[next], this.ix[next])) {
      this.move(last, next);
      last = next;
      next--;
    }
    this.k[last] = vk;
    this.ix[last] = vi;
  }

  // --- heaps (first-relative indices, as libstdc++'s __adjust_heap) ---------------------------
  private heapSelect(first: number, middle: number, last: number): void {
    this.makeHeap(first, middle);
    for (let i = middle; i < last; i++) if (this.lt(i, first)) this.popHeap(first, middle, i);
  }

  private makeHeap(first: number, last: number): void {
    const len = last - first;
    if (len < 2) return;
    let parent = Math.floor((len - 2) / 2);
    for (;;) {
      this.adjustHeap(first, parent, len, this.k[first + parent], this.ix[first + parent]);
      if (parent === 0) return;
      parent--;
    }
  }

  private popHeap(first: number, last: number, result: number): void {
    const vk = this.k[result];
    const vi = this.ix[result];
    this.move(result, first);
    this.adjustHeap(first, 0, last - first, vk, vi);
  }

  private sortHeap(first: number, last: number): void {
    while (last - first > 1) {
      last--;
      this.popHeap(first, last, last);
    }
  }

  private adjustHeap(first: number, hole: number, len: number, vk: Key, vi: number): void {
    const top = hole;
    let second = hole;
    while (second < Math.floor((len - 1) / 2)) {
      second = 2 * (second + 1);
      if (this.lt(first + second, first + second - 1)) second--;
      this.move(first + hole, first + second);
      hole = second;
    }
    if ((len & 1) === 0 && second === Math.floor((len - 2) / 2)) {
      second = 2 * (second + 1);
      this.move(first + hole, first + second - 1);
      hole = second - 1;
    }
    // __push_heap
    let parent = Math.floor((hole - 1) / 2);
    while (hole > top && this.less(this.k[first + parent], this.ix[first + parent], vk, vi)) {
      this.move(first + hole, first + parent);
      hole = parent;
      parent = Math.floor((hole - 1) / 2);
    }
    this.k[first + hole] = vk;
    this.ix[first + hole] = vi;
  }
}

/** libstdc++'s _S_threshold: introsort hands ranges this small to insertion sort. */
const THRESHOLD = 16;

/** floor(log2(n)) for n ≥ 1 (std::__lg). */
const lg = (n: number): number => 31 - Math.clz32(n);

const isNan = (x: Key): boolean => typeof x === 'number' && x !== x;

/** PyTorch's comparators: NaN sorts above everything (KeyValueCompAsc / KeyValueCompDesc). */
export const ascNanLast: Less = (a, _ia, b) => (!isNan(a) && isNan(b)) || a < b;
export const descNanFirst: Less = (a, _ia, b) => (isNan(a) && !isNan(b)) || a > b;
/** Stable variants (a total order on (key, index)) for stable=True. */
export const stableAsc: Less = (a, ia, b, ib) => ascNanLast(a, ia, b, ib) || (!ascNanLast(b, ib, a, ia) && ia < ib);
export const stableDesc: Less = (a, ia, b, ib) => descNanFirst(a, ia, b, ib) || (!descNanFirst(b, ib, a, ia) && ia < ib);
