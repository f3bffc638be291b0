// The "received an invalid combination of arguments" TypeError, reproduced from PyTorch's
// torch/csrc/utils/invalid_arguments.cpp. That file re-parses each printed option string on its own
// terms — splitting on ", ", taking the last word as the name and the rest as the type (so `*`
// counts as an argument and `Number alpha = 1` has type "Number alpha =" and name "1") — and we
// follow it literally, because that is what decides when a "didn't match because ..." line shows
// and which arguments are marked `!like this!` (PyTorch's non-terminal red).

import type { KwArgs, PyValue } from '../../../object';
import { PyList, PyTuple } from '../../../object';
import { tpName } from '../tpname';

interface OptArg {
  name: string;
  type: string;
}
interface Option {
  args: OptArg[];
  variadic: boolean;
}

function parseOption(s: string): Option {
  const inner = s.slice(1, -1);
  const args: OptArg[] = [];
  for (const a of inner.split(', ')) {
    const sp = a.lastIndexOf(' ');
    let typeEnd = sp < 0 ? a.length : sp;
    if (a.includes('...')) typeEnd -= 4;
    args.push({ type: a.slice(0, typeEnd), name: a.slice(sp + 1) });
  }
  return { args, variadic: inner.includes('...') };
}

/** Type::is_matching of invalid_arguments.cpp: MultiType for float/int, SimpleType otherwise. */
function matches(type: string, v: PyValue): boolean {
  const n = tpName(v);
  if (type === 'float') return n === 'float' || n === 'int' || n === 'long';
  if (type === 'int') return n === 'int' || n === 'long';
  return n === type;
}

/** C++ unordered_map<string, ...> iteration for a handful of keys comes out in reverse insertion
 * order with libstdc++; PyTorch's messages list keyword arguments that way. */
const kwEntries = (kwargs: KwArgs): [string, PyValue][] => (kwargs ? [...kwargs.entries()].reverse() : []);

function argDesc(args: readonly PyValue[], kw: [string, PyValue][]): string {
  let r = '(';
  for (const a of args) r += tpName(a) + ', ';
  for (const [k, v] of kw) r += `${k}=${tpName(v)}, `;
  if (args.length > 0) r = r.slice(0, -2);
  return r + ')';
}

function formattedArgDesc(opt: Option, args: readonly PyValue[], kw: [string, PyValue][]): string {
  const kwMap = new Map(kw);
  const n = args.length + kw.length;
  let r = '(';
  for (let i = 0; i < n; i++) {
    const isKw = i >= args.length;
    const name = opt.args[i]?.name ?? '';
    const arg = isKw ? kwMap.get(name) : args[i];
    let ok = false;
    if (arg !== undefined) {
      if (i < opt.args.length) ok = matches(opt.args[i].type, arg);
      else if (opt.variadic) ok = matches(opt.args[opt.args.length - 1].type, arg);
    }
    let text = isKw ? `${name}=` : '';
    if (arg instanceof PyTuple || arg instanceof PyList) {
      const items = arg.items.map(tpName).join(', ');
      text += `${tpName(arg)} of ` + (arg instanceof PyTuple ? `(${items}${arg.items.length === 1 ? ',' : ''})` : `[${items}]`);
    } else {
      text += arg === undefined ? '' : tpName(arg);
    }
    r += (ok ? text : `!${text}!`) + ', ';
  }
  if (args.length > 0) r = r.slice(0, -2);
  return r + ')';
}

function argcountMatch(opt: Option, args: readonly PyValue[], kw: [string, PyValue][]): boolean {
  const got = args.length + kw.length;
  return opt.variadic ? got >= opt.args.length - 1 : got === opt.args.length;
}

function tryMatchKwargs(opt: Option, kw: [string, PyValue][]): string[] {
  const start = Math.max(0, opt.args.length - kw.length);
  const out: string[] = [];
  for (const [k] of kw) {
    let found = false;
    for (let i = start; i < opt.args.length; i++) if (opt.args[i].name === k) found = true;
    if (!found) out.push(k);
  }
  return out;
}

/** torch::format_invalid_args. `fname` includes the parentheses (`zeros()`). */
export function formatInvalidArgs(args: readonly PyValue[], kwargs: KwArgs, fname: string, options: readonly string[]): string {
  const kw = kwEntries(kwargs);
  let msg = `${fname} received an invalid combination of arguments - `;
  if (options.length === 1) {
    const opt = parseOption(options[0]);
    const unmatched = kw.length ? tryMatchKwargs(opt, kw) : [];
    if (unmatched.length) return msg + 'got unrecognized keyword arguments: ' + unmatched.join(', ');
    msg += 'got ' + (argcountMatch(opt, args, kw) ? formattedArgDesc(opt, args, kw) : argDesc(args, kw));
    return msg + ', but expected ' + options[0];
  }
  msg += 'got ' + argDesc(args, kw) + ', but expected one of:\n';
  for (const o of options) {
    msg += ` * ${o}\n`;
    const opt = parseOption(o);
    if (!argcountMatch(opt, args, kw)) continue;
    const reasons = tryMatchKwargs(opt, kw);
    if (reasons.length) msg += `      didn't match because some of the keywords were incorrect: ${reasons.join(', ')}\n`;
    else msg += `      didn't match because some of the arguments have invalid types: ${formattedArgDesc(opt, args, kw)}\n`;
  }
  return msg;
}
