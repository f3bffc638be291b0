// One-time setup shared by every entry point that runs scripts (CLI, conformance runner, the
// page's worker, tests): install the torch bindings into the interpreter's module registry. Safe
// to call many times; the work happens once.

let prepared: Promise<void> | null = null;

export function prepareRuntime(): Promise<void> {
  prepared ??= (async () => {
    const b = await import('../python/bindings/index');
    await b.installTorchBindings();
  })();
  return prepared;
}
