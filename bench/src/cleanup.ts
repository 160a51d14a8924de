// Everything the harness starts or creates is registered here and undone on exit, on an error and on Ctrl-C.

type Step = { name: string; run(): void | Promise<void> };
const steps: Step[] = [];
let running: Promise<void> | null = null;

/** Registers an undo step; steps run in reverse order of registration. Returns a function that unregisters it. */
export function onCleanup(name: string, run: Step['run']): () => void {
  const step = { name, run };
  steps.push(step);
  return () => {
    const i = steps.indexOf(step);
    if (i >= 0) steps.splice(i, 1);
  };
}

/** Runs every registered step once; steps registered afterwards belong to the next cleanup. */
export async function cleanup(): Promise<void> {
  if (running) return running;
  running = (async () => {
    while (steps.length) {
      const step = steps.pop()!;
      try {
        await Promise.race([step.run(), new Promise((r) => setTimeout(r, 15_000).unref())]);
      } catch (err) {
        console.error(`[bench] cleanup "${step.name}" failed: ${(err as Error).message}`);
      }
    }
  })();
  try {
    await running;
  } finally {
    running = null;
  }
}

/** Signals and fatal errors clean up before the process ends. */
export function installExitHandlers(): void {
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.once(event, (err: unknown) => {
      console.error(`[bench] fatal: ${(err as Error)?.stack ?? String(err)}\n[bench] stopping servers and removing temporary data`);
      void cleanup().finally(() => process.exit(1));
    });
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      console.error(`\n[bench] ${sig}: stopping servers and removing temporary data`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}
