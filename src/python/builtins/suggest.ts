// CPython 3.13's "Did you mean" matcher: given the names that exist (an object's dir(), a frame's
// names, a function's keyword parameters) and the name that was asked for, the closest existing
// name or null. It feeds the hints the traceback prints for AttributeError / NameError /
// ImportError (interp/suggestions.ts) and the "unexpected keyword argument" messages. Behaviour
// follows CPython's documented rules, checked against its own routine on the oracle
// (fixtures/suggest_oracle.py):
// - a weighted edit distance over the UTF-8 bytes of the two names: inserting, deleting or
//   replacing a byte costs 2, except that replacing an ASCII letter by the same letter in the
//   other case costs 1, so `lr` ↔ `LR` is closer than `lr` ↔ `la`;
// - a candidate counts only within (len(a) + len(b) + 3) * 2 // 6 ("at most a third of the
//   characters change") and only if strictly better than the best so far — so on a tie the
//   earlier candidate wins, which makes the order of `candidates` part of the answer;
// - the name itself is never suggested; 750 or more candidates give no suggestion at all, and a
//   pair whose differing middle (after dropping a common prefix and suffix) is longer than 40
//   bytes never matches (both limits keep the quadratic distance cheap).

/** Cost of one inserted, deleted or replaced byte. */
const MOVE_COST = 2;
/** Cost of replacing an ASCII letter by itself in the other case. */
const CASE_COST = 1;
/** At or above this many candidates CPython gives up without looking. */
export const MAX_CANDIDATE_ITEMS = 750;
/** Longest differing middle (in UTF-8 bytes) the distance is computed for. */
const MAX_STRING_SIZE = 40;

const utf8 = new TextEncoder();

/** The closest of `candidates` to `wrong` by CPython's rules, or null when none is close enough. */
export function suggestName(candidates: Iterable<string>, wrong: string): string | null {
  const list = Array.isArray(candidates) ? (candidates as string[]) : [...candidates];
  if (list.length >= MAX_CANDIDATE_ITEMS) return null;
  const w = utf8.encode(wrong);
  let best: string | null = null;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  for (const cand of list) {
    if (cand === wrong) continue;
    const c = utf8.encode(cand);
    // the limit shrinks to "strictly better than what we have"
    const limit = Math.min(Math.floor(((w.length + c.length + 3) * MOVE_COST) / 6), bestDistance - 1);
    const d = editDistance(w, c, limit);
    if (d > limit) continue;
    best = cand;
    bestDistance = d;
  }
  return best;
}

/** Weighted edit distance between byte strings `a` and `b`; any value above `limit` may be
 * reported as just `limit + 1` (the search stops once every path is over the limit). */
export function editDistance(a: Uint8Array, b: Uint8Array, limit: number): number {
  // Common prefix and suffix cost nothing; drop them so the table only spans the differing middle.
  let lo = 0;
  let aEnd = a.length;
  let bEnd = b.length;
  while (lo < aEnd && lo < bEnd && a[lo] === b[lo]) lo++;
  while (aEnd > lo && bEnd > lo && a[aEnd - 1] === b[bEnd - 1]) {
    aEnd--;
    bEnd--;
  }
  let s = a.subarray(lo, aEnd);
  let t = b.subarray(lo, bEnd);
  if (s.length === 0 || t.length === 0) return (s.length + t.length) * MOVE_COST;
  if (s.length > MAX_STRING_SIZE || t.length > MAX_STRING_SIZE) return limit + 1;
  if (t.length < s.length) [s, t] = [t, s];
  // every extra byte of the longer one must be inserted
  if ((t.length - s.length) * MOVE_COST > limit) return limit + 1;

  // One row of the table: row[i] = cost of turning t[0..j) into s[0..i+1), updated per byte of t.
  const row = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) row[i] = (i + 1) * MOVE_COST;
  let cost = 0;
  for (let j = 0; j < t.length; j++) {
    let diagonal = j * MOVE_COST; // cost(t[0..j), s[0..0))
    cost = (j + 1) * MOVE_COST; // cost(t[0..j+1), s[0..0))
    let rowMin = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < s.length; i++) {
      const replace = diagonal + substitutionCost(t[j], s[i]);
      diagonal = row[i];
      cost = Math.min(Math.min(cost, row[i]) + MOVE_COST, replace);
      row[i] = cost;
      if (cost < rowMin) rowMin = cost;
    }
    if (rowMin > limit) return limit + 1;
  }
  return cost;
}

function substitutionCost(x: number, y: number): number {
  if (x === y) return 0;
  return isAsciiLetter(x) && (x | 0x20) === (y | 0x20) ? CASE_COST : MOVE_COST;
}

const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
