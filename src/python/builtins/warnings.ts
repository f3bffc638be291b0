// The `warnings` module: warn() with category/stacklevel, the filter list (CPython 3.13's default
// filters, simplefilter, filterwarnings, resetwarnings), catch_warnings(record=...) and the
// "default" action's once-per-location registry. Shown warnings go to the run's record (what the
// report and the conformance dump list) and, in CLI mode, to stderr formatted as CPython prints
// them. TypeScript code (nn/, bindings) emits PyTorch's warnings through `warn()` below.

import { PyError } from '../../errors';
import {
  type KwArgs, type PyValue, PyBuiltinFunction, PyList, PyModule, PyObject, PyType, call, makeType,
  nativeProperty, typeOf,
} from '../object';
import { PyBaseException, PyException, exceptionType, isExceptionType, newException } from './exceptions';
import { params } from './args';
import { repr, str } from './repr';
import { truthy } from './ops';
import { rt } from '../interp/runtime';
import { registerModule } from '../interp/modules';

type Action = 'default' | 'error' | 'ignore' | 'always' | 'all' | 'module' | 'once';
interface Filter {
  action: Action;
  message: RegExp | null;
  category: PyType;
  module: RegExp | null;
  lineno: number;
}

interface State {
  filters: Filter[];
  /** keys already shown by 'default'/'module'/'once' */
  registry: Set<string>;
  /** catch_warnings(record=True) lists, innermost last; null entries mean "not recording". */
  recorders: (PyList | null)[];
  /** mode of the outermost sink: 'always' records everything (dump), 'default' uses filters */
  mode: 'dump' | 'cli';
}

/** Reset per run. `mode` 'dump' = the harness's simplefilter("always") + record; 'cli' = CPython's
 * default filters printing to stderr. */
export function resetWarnings(mode: 'dump' | 'cli'): void {
  const W = exceptionType('Warning');
  const st: State = { filters: [], registry: new Set(), recorders: [], mode };
  if (mode === 'dump') st.filters.push({ action: 'always', message: null, category: W, module: null, lineno: 0 });
  else {
    st.filters.push(
      { action: 'default', message: null, category: exceptionType('DeprecationWarning'), module: /^__main__$/, lineno: 0 },
      { action: 'ignore', message: null, category: exceptionType('DeprecationWarning'), module: null, lineno: 0 },
      { action: 'ignore', message: null, category: exceptionType('PendingDeprecationWarning'), module: null, lineno: 0 },
      { action: 'ignore', message: null, category: exceptionType('ImportWarning'), module: null, lineno: 0 },
      { action: 'ignore', message: null, category: exceptionType('ResourceWarning'), module: null, lineno: 0 },
    );
  }
  rt().warningsState = st;
}
function state(): State {
  const r = rt();
  if (!r.warningsState) resetWarnings('cli');
  return r.warningsState as State;
}

/** Emit a warning from TypeScript (PyTorch's own warnings): `warn('UserWarning', 'text')`. The
 * location is the innermost Python frame (TS frames are invisible, like C++ frames). */
export async function warn(category: string, message: string, stacklevel = 1): Promise<void> {
  const cls = exceptionType(category);
  await warnImpl(newException(cls, [message]), cls, stacklevel, 'torch');
}

async function warnImpl(msgObj: PyBaseException, category: PyType, stacklevel: number, module: string | null): Promise<void> {
  const run = rt();
  const frames = run.frames;
  const fr = frames[Math.max(0, frames.length - stacklevel)] ?? null;
  const filename = fr ? fr.filename : 'sys';
  const lineno = fr ? fr.line : 1;
  const mod = module ?? (fr ? '__main__' : 'sys');
  const text = await str(msgObj);
  const st = state();
  let action: Action = 'default';
  for (const f of st.filters) {
    if (f.message && !f.message.test(text)) continue;
    if (!category.isSubtypeOf(f.category)) continue;
    if (f.module && !f.module.test(mod)) continue;
    if (f.lineno && f.lineno !== lineno) continue;
    action = f.action;
    break;
  }
  if (action === 'ignore') return;
  if (action === 'error') throw new PyException(msgObj);
  const key = `${text}\u0000${category.name}\u0000${action === 'once' ? '' : filename + ':' + (action === 'module' ? 0 : lineno)}`;
  if (action === 'default' || action === 'once' || action === 'module') {
    if (st.registry.has(key)) return;
    st.registry.add(key);
  }
  const rec = st.recorders[st.recorders.length - 1];
  if (rec) {
    rec.items.push(makeWarningMessage(msgObj, category, filename, lineno));
    return;
  }
  if (rec === null && st.recorders.length > 0 && st.mode === 'dump') {
    // inside catch_warnings(record=False) the harness's recorder still receives it
  }
  run.warnings.push({ category: category.name, message: text, filename, lineno });
  if (st.mode === 'cli') {
    const src = run.sources.get(filename)?.[lineno - 1]?.trim();
    run.writeErr(`${filename}:${lineno}: ${category.name}: ${text}\n${src ? `  ${src}\n` : ''}`);
  }
}

const WarningMessageType = makeType('WarningMessage', undefined, 'warnings');
function makeWarningMessage(msg: PyBaseException, category: PyType, filename: string, lineno: number): PyObject {
  const o = new PyObject(WarningMessageType);
  o.dict!.set('message', msg);
  o.dict!.set('category', category);
  o.dict!.set('filename', filename);
  o.dict!.set('lineno', lineno);
  o.dict!.set('line', null);
  o.dict!.set('file', null);
  o.dict!.set('source', null);
  return o;
}
WarningMessageType.dict!.set('__str__', new PyBuiltinFunction('__str__', async (a) => {
  const o = a[0] as PyObject;
  const d = o.dict!;
  return `{message : ${await repr(d.get('message')!)}, category : '${(d.get('category') as PyType).name}', filename : '${d.get('filename')}', lineno : ${d.get('lineno')}, line : None}`;
}));

// ---- the Python-visible module ------------------------------------------------------------------

async function pyWarn(a: PyValue[], kw: KwArgs): Promise<PyValue> {
  const [message, categoryArg, stacklevelArg] = params('warn', a, kw, 0, ['message', 'category', 'stacklevel', 'source', 'skip_file_prefixes']);
  if (message === undefined) throw new PyError('TypeError', "warn() missing required argument 'message' (pos 1)");
  let category: PyType;
  let obj: PyBaseException;
  if (message instanceof PyBaseException && message.cls.isSubtypeOf(exceptionType('Warning'))) {
    category = message.cls;
    obj = message;
  } else {
    const c = categoryArg === undefined || categoryArg === null ? exceptionType('UserWarning') : categoryArg;
    if (!(c instanceof PyType) || !c.isSubtypeOf(exceptionType('Warning'))) {
      throw new PyError('TypeError', `category must be a Warning subclass, not '${c instanceof PyType ? c.name : typeOf(c).name}'`);
    }
    category = c;
    obj = (await call(c, [message])) as PyBaseException;
  }
  const stacklevel = stacklevelArg === undefined ? 1 : Number(stacklevelArg);
  await warnImpl(obj, category, stacklevel, null);
  return null;
}

function addFilter(action: PyValue, message: PyValue, category: PyValue, module: PyValue, lineno: PyValue, append: boolean): void {
  const actions = ['default', 'error', 'ignore', 'always', 'all', 'module', 'once'];
  if (typeof action !== 'string' || !actions.includes(action)) throw new PyError('AssertionError', `invalid action: ${String(action)}`);
  const cat = category === undefined || category === null ? exceptionType('Warning') : category;
  if (!isExceptionType(cat)) throw new PyError('AssertionError', 'category must be a class');
  const f: Filter = {
    action: (action === 'all' ? 'always' : action) as Action,
    message: typeof message === 'string' && message !== '' ? new RegExp('^(?:' + message + ')', 'i') : null,
    category: cat,
    module: typeof module === 'string' && module !== '' ? new RegExp('^(?:' + module + ')$') : null,
    lineno: typeof lineno === 'number' ? lineno : 0,
  };
  const st = state();
  st.filters = st.filters.filter((g) => !(g.action === f.action && String(g.message) === String(f.message) && g.category === f.category && String(g.module) === String(f.module) && g.lineno === f.lineno));
  if (append) st.filters.push(f);
  else st.filters.unshift(f);
}

const CatchWarningsType = makeType('catch_warnings', undefined, 'warnings');
class CatchWarnings extends PyObject {
  saved: Filter[] | null = null;
  constructor(readonly record: boolean, readonly action: PyValue, readonly category: PyValue) {
    super(CatchWarningsType, null);
  }
}
CatchWarningsType.slots.create = async (_c, a, kw) => {
  const [record, , action, category] = params('catch_warnings', a, kw, 0, ['record', 'module', 'action', 'category', 'lineno', 'append']);
  return new CatchWarnings(record !== undefined && (await truthy(record)), action ?? null, category ?? null);
};
CatchWarningsType.dict!.set('__enter__', new PyBuiltinFunction('__enter__', (a) => {
  const cw = a[0] as CatchWarnings;
  const st = state();
  cw.saved = st.filters.slice();
  const list = cw.record ? new PyList() : null;
  st.recorders.push(list);
  if (cw.action !== null) addFilter(cw.action, '', cw.category, '', 0, false);
  return list;
}));
CatchWarningsType.dict!.set('__exit__', new PyBuiltinFunction('__exit__', (a) => {
  const cw = a[0] as CatchWarnings;
  const st = state();
  if (cw.saved) st.filters = cw.saved;
  st.recorders.pop();
  return false;
}));

function makeModule(): PyModule {
  const m = new PyModule('warnings');
  const d = m.dict!;
  d.set('warn', new PyBuiltinFunction('warn', pyWarn));
  d.set('simplefilter', new PyBuiltinFunction('simplefilter', (a, kw) => {
    const [action, category, lineno, append] = params('simplefilter', a, kw, 0, ['action', 'category', 'lineno', 'append']);
    addFilter(action ?? null, '', category ?? null, '', lineno ?? 0, append === true);
    return null;
  }));
  d.set('filterwarnings', new PyBuiltinFunction('filterwarnings', (a, kw) => {
    const [action, message, category, module, lineno, append] = params('filterwarnings', a, kw, 0, ['action', 'message', 'category', 'module', 'lineno', 'append']);
    addFilter(action ?? null, message ?? '', category ?? null, module ?? '', lineno ?? 0, append === true);
    return null;
  }));
  d.set('resetwarnings', new PyBuiltinFunction('resetwarnings', () => {
    state().filters = [];
    return null;
  }));
  d.set('catch_warnings', CatchWarningsType);
  d.set('WarningMessage', WarningMessageType);
  for (const n of ['Warning', 'UserWarning', 'DeprecationWarning', 'FutureWarning', 'RuntimeWarning']) d.set(n, exceptionType(n));
  return m;
}
registerModule('warnings', makeModule);

void nativeProperty;
