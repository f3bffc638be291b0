// The `string` module's constants (ascii_letters, digits, punctuation, ...) and capwords().

import type { PyValue } from '../object';
import { registerModule } from '../interp/modules';
import { fn, makeModule } from './native';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = lower.toUpperCase();
const digits = '0123456789';
const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const whitespace = ' \t\n\r\x0b\x0c';

function stringModule(): PyValue {
  return makeModule('string', {
    ascii_lowercase: lower,
    ascii_uppercase: upper,
    ascii_letters: lower + upper,
    digits,
    hexdigits: digits + 'abcdefABCDEF',
    octdigits: '01234567',
    punctuation,
    whitespace,
    printable: digits + lower + upper + punctuation + whitespace,
    capwords: fn('capwords', (a) => {
      const s = String(a[0]);
      const sep = a.length > 1 && a[1] !== null ? String(a[1]) : null;
      const words = sep === null ? s.split(/[ \t\n\r\x0b\x0c]+/).filter((w) => w !== '') : s.split(sep);
      const cap = (w: string): string => (w ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w);
      return words.map(cap).join(sep ?? ' ');
    }, 'string.capwords'),
  });
}

registerModule('string', stringModule);
