/**
 * What the core may learn about the process it runs in: Node's `process` when there is one, and
 * plain stand-ins in a browser, where there is no process id or heap figure to report.
 */
interface NodeProcess {
  pid?: number;
  memoryUsage?: () => { heapUsed: number };
}

const host = (globalThis as { process?: NodeProcess }).process;

/** The id `/` and `/status` report as Kong's master and worker pids (1 outside Node). */
export const processId = (): number => host?.pid ?? 1;

/** Bytes of heap in use, reported as the Lua VM's memory (0 outside Node). */
export const heapUsed = (): number => host?.memoryUsage?.().heapUsed ?? 0;

