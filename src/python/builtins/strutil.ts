// Small text helpers shared by str methods and the evaluator: ascii() escaping of a repr.

/** ascii(): the repr with every non-ASCII character escaped as \xhh, \uhhhh or \Uhhhhhhhh. */
export function asciiOf(r: string): string {
  let out = '';
  for (const ch of r) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x100) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out;
}
