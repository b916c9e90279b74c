// Starts one process and always comes back with what happened to it: exit
// code or signal, output, and whether we had to kill it. A timeout kills the
// whole process group (qemu and anything it started), not only the child.
import { execa, type Options } from "execa";

export interface ProcessOutcome {
  readonly command: readonly string[];
  /** Exit status, or null when the process died by a signal. */
  readonly exitCode: number | null;
  /** "SIGILL", "SIGSEGV", …, or null. A timeout's own SIGKILL is not reported here. */
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** Set when the process could not be started at all (our error). */
  readonly spawnError: string | null;
}

export interface ProcessOptions {
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  readonly timeoutMs: number;
  readonly input?: string;
  /** Open file descriptors the child gets as its fds 3, 4, …, in this order. */
  readonly extraFds?: readonly number[];
}

let started = 0;

/** Processes runProcess has started in this ljfuzz process so far (what a reduction's report counts). */
export function processesStarted(): number {
  return started;
}

export async function runProcess(
  file: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessOutcome> {
  started++;
  const startedAt = performance.now();
  const command = [file, ...args];
  const child = execa(file, args, {
    env: options.env,
    cwd: options.cwd,
    reject: false,
    detached: true,
    stripFinalNewline: false,
    input: options.input ?? "",
    ...(options.extraFds ? { stdio: extraStdio(options.extraFds) } : {}),
    maxBuffer: 64 * 1024 * 1024,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, options.timeoutMs);
  // Ctrl-C on ljfuzz must not leave qemu processes behind.
  const onExit = () => killGroup(child.pid);
  process.once("exit", onExit);
  try {
    const result = await child;
    const spawnError =
      result.failed && result.exitCode === undefined && result.signal === undefined && !timedOut
        ? result.message
        : null;
    return {
      command,
      exitCode: timedOut ? null : (result.exitCode ?? null),
      signal: timedOut ? null : (result.signal ?? null),
      stdout: typeof result.stdout === "string" ? result.stdout : "",
      stderr: typeof result.stderr === "string" ? result.stderr : "",
      timedOut,
      durationMs: performance.now() - startedAt,
      spawnError: spawnError ?? null,
    };
  } finally {
    clearTimeout(timer);
    process.removeListener("exit", onExit);
  }
}

/**
 * stdio with the given open fds as the child's 3, 4, …. execa hands an
 * integer there to Node's spawn, which passes that very descriptor (a file
 * the child can reopen by /dev/fd/N; execa's `{ file }` would be a pipe,
 * which cannot be reopened), but its types name only the parent's 3-9.
 */
function extraStdio(fds: readonly number[]): Options["stdio"] {
  return ["pipe", "pipe", "pipe", ...fds] as unknown as Options["stdio"];
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}
