// Every conformance scenario parses; the one that is a SyntaxError on purpose (04, doc prompts
// pasted with `>>>`) raises exactly the error its PyTorch golden records.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PySyntaxError, parse } from './index';

const dir = join(__dirname, '../../../conformance');
const scripts = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();

describe('conformance scripts parse', () => {
  it('finds the corpus', () => expect(scripts.length).toBeGreaterThanOrEqual(72));
  for (const f of scripts) {
    const golden = JSON.parse(readFileSync(join(dir, f.replace(/\.py$/, '.json')), 'utf8'));
    const source = readFileSync(join(dir, f), 'utf8');
    if (golden.error?.type === 'SyntaxError') {
      it(`${f} raises the golden's SyntaxError`, () => {
        let err: unknown;
        try {
          parse(source, f);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(PySyntaxError);
        expect((err as PySyntaxError).pyType).toBe(golden.error.type);
        expect((err as PySyntaxError).message).toBe(golden.error.message);
      });
    } else {
      it(`${f} parses`, () => {
        expect(parse(source, f).body.length).toBeGreaterThan(0);
      });
    }
  }
});
