// Writes src/tensor/cpu/kernels.generated.ts from the op table (src/tensor/ops/table.ts): the CPU
// backend's elementwise loops as ordinary TypeScript, so the engine never compiles code at run
// time. Run after changing the table: npx tsx scripts/gen-cpu-kernels.ts (npm run gen:kernels).
// The generator itself is src/tensor/cpu/codegen.ts; its test fails while the output is stale.

import { writeFileSync } from 'node:fs';
import { ELEMENTWISE, HOST_ELEMENTWISE } from '../src/tensor/ops/table';
import { generateKernelsSource } from '../src/tensor/cpu/codegen';

const path = new URL('../src/tensor/cpu/kernels.generated.ts', import.meta.url);
const src = generateKernelsSource([...ELEMENTWISE, ...HOST_ELEMENTWISE]);
writeFileSync(path, src);
console.log(`wrote ${path.pathname} (${src.length} bytes)`);
