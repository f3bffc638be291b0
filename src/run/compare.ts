// The conformance judge: a port of ../shared/oracle/compare.py's match rules (semantic match of
// error, warnings and vars; stdout scored separately, byte for byte). Used by the conformance
// runner (scripts/conformance.ts) and the Vitest conformance tests.

const ATOL = 1e-5;
const RTOL = 1e-4;
const MAX_DIFFS = 3;

type J = unknown;
type Obj = Record<string, J>;

export interface Verdict {
  ok: boolean;
  stdoutIdentical: boolean;
  /** The first differences as "path: golden=... candidate=..." lines. */
  diffs: string[];
  stdoutFirstDiff: string | null;
}

function num(v: J): number | null {
  if (typeof v === 'boolean') return null;
  if (typeof v === 'number') return v;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return null;
}

/** Candidate number a matches golden number b (both in dumped form). */
export function close(a: J, b: J): boolean {
  const x = num(a), y = num(b);
  if (x === null || y === null) return false;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
  return Math.abs(x - y) <= ATOL + RTOL * Math.abs(y);
}

function short(v: J, limit = 160): string {
  let s = typeof v === 'string' ? pyRepr(v) : v === undefined ? 'None' : JSON.stringify(v);
  if (s.length > limit) s = s.slice(0, limit - 3) + '...';
  return s;
}
function pyRepr(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
}
const isObj = (v: J): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const jsonEq = (a: J, b: J): boolean => JSON.stringify(a) === JSON.stringify(b);

class Differ {
  count = 0;
  readonly diffs: string[] = [];
  add(path: string, g: J, c: J): void {
    this.count++;
    if (this.diffs.length < MAX_DIFFS) this.diffs.push(`${path}: golden=${short(g)} candidate=${short(c)}`);
  }

  value(path: string, g: J, c: J): void {
    if (!isObj(g) || !('kind' in g)) {
      if (!jsonEq(g, c)) this.add(path, g, c);
      return;
    }
    if (!isObj(c) || c.kind !== g.kind) {
      this.add(path + '.kind', g.kind, isObj(c) ? c.kind : c);
      return;
    }
    switch (g.kind) {
      case 'tensor':
        return this.tensor(path, g, c);
      case 'int':
      case 'bool':
      case 'str':
        if (typeof g.value !== typeof c.value || g.value !== c.value) this.add(path, g.value, c.value);
        return;
      case 'none':
        return;
      case 'float':
        if (!close(c.value, g.value)) this.add(path, g.value, c.value);
        return;
      case 'list':
      case 'tuple': {
        const gi = (g.items ?? []) as J[];
        const ci = c.items;
        if (!Array.isArray(ci) || gi.length !== ci.length) {
          this.add(path + '.len', gi.length, Array.isArray(ci) ? ci.length : ci);
          return;
        }
        gi.forEach((x, i) => this.value(`${path}[${i}]`, x, ci[i]));
        return;
      }
      case 'dict':
        return this.mapping(path, (g.items ?? {}) as Obj, (c.items ?? {}) as J);
      case 'exception':
        if (g.type !== c.type) this.add(path + '.type', g.type, c.type);
        if (g.message !== c.message) this.add(path + '.message', g.message, c.message);
        return;
      case 'module':
        return this.mapping(path + '.state', (g.state ?? {}) as Obj, (c.state ?? {}) as J);
      case 'other':
        if (g.repr !== c.repr) this.add(path + '.repr', g.repr, c.repr);
        return;
      default:
        if (!jsonEq(g, c)) this.add(path, g, c);
    }
  }

  mapping(path: string, gm: Obj, cm: J): void {
    if (!isObj(cm)) {
      this.add(path, Object.keys(gm).sort(), cm);
      return;
    }
    const gk = new Set(Object.keys(gm));
    const ck = new Set(Object.keys(cm));
    const onlyG = [...gk].filter((k) => !ck.has(k)).sort();
    const onlyC = [...ck].filter((k) => !gk.has(k)).sort();
    if (onlyG.length || onlyC.length) this.add(path + '.keys(only-in)', onlyG, onlyC);
    for (const k of Object.keys(gm)) if (ck.has(k)) this.value(`${path}[${pyRepr(k)}]`, gm[k], cm[k]);
  }

  tensor(path: string, g: Obj, c: Obj): void {
    for (const field of ['dtype', 'shape', 'requires_grad', 'is_parameter']) {
      if (!jsonEq(g[field], c[field])) {
        this.add(path + '.' + field, g[field], c[field]);
        return;
      }
    }
    const gd = g.data, cd = c.data;
    if (gd === null || gd === undefined || cd === null || cd === undefined) {
      if (!((gd === null || gd === undefined) && (cd === null || cd === undefined))) this.add(path + '.data', gd, cd);
      return;
    }
    if (!Array.isArray(cd) || !Array.isArray(gd) || gd.length !== cd.length) {
      this.add(path + '.data.len', Array.isArray(gd) ? gd.length : gd, Array.isArray(cd) ? cd.length : cd);
      return;
    }
    for (let i = 0; i < gd.length; i++) {
      const b = gd[i], a = cd[i];
      const ok = Array.isArray(b)
        ? Array.isArray(a) && a.length === 2 && b.length === 2 && close(a[0], b[0]) && close(a[1], b[1])
        : close(a, b);
      if (!ok) {
        this.add(`${path}.data[${i}]`, b, a);
        if (this.diffs.length >= MAX_DIFFS) return;
      }
    }
  }
}

/** Judge a candidate dump against a golden one (compare.py's compare_docs). */
export function compareDump(golden: J, cand: J): Verdict {
  const g = (isObj(golden) ? golden : {}) as Obj;
  const c = (isObj(cand) ? cand : {}) as Obj;
  const d = new Differ();
  const ge = g.error as Obj | null | undefined, ce = c.error as Obj | null | undefined;
  if (ge == null || ce == null) {
    if (!(ge == null && ce == null)) d.add('error', ge ?? null, ce ?? null);
  } else {
    if (ge.type !== ce.type) d.add('error.type', ge.type, ce.type);
    if (ge.message !== ce.message) d.add('error.message', ge.message, ce.message);
  }
  const gw = ((g.warnings ?? []) as Obj[]).map((w) => [w.category, w.message]);
  const cw = ((c.warnings ?? []) as Obj[]).map((w) => [w.category, w.message]);
  if (gw.length !== cw.length) d.add('warnings.len', gw.length, cw.length);
  for (let i = 0; i < Math.min(gw.length, cw.length); i++) {
    if (gw[i][0] !== cw[i][0]) d.add(`warnings[${i}].category`, gw[i][0], cw[i][0]);
    if (gw[i][1] !== cw[i][1]) d.add(`warnings[${i}].message`, gw[i][1], cw[i][1]);
  }
  const gv = (g.vars ?? {}) as Obj, cv = (c.vars ?? {}) as Obj;
  for (const [name, val] of Object.entries(gv)) {
    if (!(name in cv)) {
      d.add('vars.' + name, isObj(val) ? val.kind : val, '<absent>');
      continue;
    }
    d.value('vars.' + name, val, cv[name]);
  }
  const gs = typeof g.stdout === 'string' ? g.stdout : '';
  const cs = typeof c.stdout === 'string' ? c.stdout : '';
  const same = gs === cs;
  return { ok: d.count === 0, stdoutIdentical: same, diffs: d.diffs, stdoutFirstDiff: same ? null : firstStdoutDiff(gs, cs) };
}

function splitKeep(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** "stdout line N: golden=... candidate=..." for the first differing line. */
export function firstStdoutDiff(g: string, c: string): string {
  const gl = splitKeep(g), cl = splitKeep(c);
  for (let i = 0; i < Math.max(gl.length, cl.length); i++) {
    const a = i < gl.length ? gl[i] : '<end>';
    const b = i < cl.length ? cl[i] : '<end>';
    if (a !== b) return `line ${i + 1}: golden=${short(a)} candidate=${short(b)}`;
  }
  return 'stdout differs';
}
