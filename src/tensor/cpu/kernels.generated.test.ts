// kernels.generated.ts is build output committed with the source: regenerating it from the op
// table must give the committed text, so a table edit without `npm run gen:kernels` fails here.
// Also checks what the generation is for: no engine file compiles code from strings at run time
// (the page's Content-Security-Policy has no 'unsafe-eval').

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELEMENTWISE, HOST_ELEMENTWISE } from '../ops/table';
import { generateKernelsSource } from './codegen';

const here = new URL('.', import.meta.url).pathname;

describe('kernels.generated.ts', () => {
  it('is up to date with the op table (regenerate: npx tsx scripts/gen-cpu-kernels.ts)', () => {
    const committed = readFileSync(join(here, 'kernels.generated.ts'), 'utf8');
    const fresh = generateKernelsSource([...ELEMENTWISE, ...HOST_ELEMENTWISE]);
    // compare line counts first: a readable failure for a stale file, then the exact text
    expect(committed.split('\n').length, 'kernels.generated.ts is stale: run npx tsx scripts/gen-cpu-kernels.ts').toBe(fresh.split('\n').length);
    expect(committed === fresh, 'kernels.generated.ts is stale: run npx tsx scripts/gen-cpu-kernels.ts').toBe(true);
  });

  it('has a loop for every table entry', () => {
    const committed = readFileSync(join(here, 'kernels.generated.ts'), 'utf8');
    for (const op of [...ELEMENTWISE, ...HOST_ELEMENTWISE]) expect(committed).toContain(`\n  ${op.name}: {`);
  });
});

describe('the engine evaluates no strings', () => {
  it('no `new Function` / eval in src/tensor outside tests', () => {
    const root = join(here, '..');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name) && /\bnew Function\s*\(|\beval\s*\(|\bFunction\s*\(\s*['"`]/.test(readFileSync(p, 'utf8'))) offenders.push(p.slice(root.length));
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
