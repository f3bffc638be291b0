// The CLI: the headless twin of the page (DESIGN "CLI = the headless twin").
//
//   npm run -s cli -- run FILE.py            stdout as the script prints it; warnings and an
//                                            uncaught traceback on stderr as CPython prints them;
//                                            exit 1 on an uncaught exception
//   npm run -s cli -- run FILE.py --json     the conformance dump (../shared/oracle format), exit 0
//   npm run -s cli -- run FILE.py --report   the RunReport the page renders, exit 0
//   ... --device webgpu                      run with 'webgpu' as the default device
//
// Paths are relative to the caller's directory (npm runs scripts from the package root, and
// records the caller's directory in INIT_CWD). The script is named as given in messages.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { prepareRuntime } from './run/prepare';
import { runScript } from './run/run';
import { dumpScript } from './run/dump';

const USAGE = `usage: npm run -s cli -- run FILE.py [--json | --report] [--device cpu|webgpu]`;

async function main(argv: string[]): Promise<number> {
  const [cmd, file, ...rest] = argv;
  if (cmd !== 'run' || !file) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const deviceIdx = rest.indexOf('--device');
  const device = deviceIdx >= 0 ? rest[deviceIdx + 1] : 'cpu';
  if (device !== 'cpu' && device !== 'webgpu') {
    process.stderr.write(`unknown device '${device}' (cpu or webgpu)\n`);
    return 2;
  }
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let source: string;
  try {
    source = readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  await prepareRuntime();
  if (device === 'webgpu') {
    const { useDefaultDevice } = await import('./run/device');
    const { nodeGpu } = await import('./tensor/webgpu/node');
    const r = await useDefaultDevice('webgpu', { gpu: () => nodeGpu() });
    if (!r.ok) {
      process.stderr.write(`--device webgpu: WebGPU unavailable: ${r.reason}\n`);
      return 2;
    }
  }
  if (flags.has('--json')) {
    const dump = await dumpScript(source, file);
    process.stdout.write(JSON.stringify(dump, null, 1) + '\n');
    return 0;
  }
  if (flags.has('--report')) {
    const { buildReportForScript } = await import('./run/buildReport');
    const report = await buildReportForScript(source, { filename: file, device });
    process.stdout.write(JSON.stringify(report, null, 1) + '\n');
    return 0;
  }
  const r = await runScript(source, {
    filename: file,
    warnings: 'cli',
    onStdout: (t) => process.stdout.write(t),
    onStderr: (t) => process.stderr.write(t),
  });
  return r.error ? 1 : 0;
}

// Exit only once stdout has drained: a large --json/--report written to a pipe is asynchronous.
main(process.argv.slice(2)).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (e) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(70);
  },
);
