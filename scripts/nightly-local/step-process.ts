// A `run:` step's process: the shell GitHub would start, in its own process
// group (so a timeout or Ctrl-C ends everything it started), its output
// appended to the job's log, pinned to the job's CPU when it has one.
import { spawn } from "node:child_process";

export interface StepProcess {
  readonly command: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly logFd: number;
  readonly cpu: number | undefined;
  readonly timeoutMs: number;
}

export interface StepProcessOutcome {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly error: string | null;
}

/** The process groups running now, so that Ctrl-C can end them all. */
export const running = new Set<number>();

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // gone already
  }
}

export function runStepProcess(step: StepProcess): Promise<StepProcessOutcome> {
  const [file, ...args] = step.cpu === undefined ? step.command : ["taskset", "-c", String(step.cpu), ...step.command];
  return new Promise((resolve) => {
    const child = spawn(file!, args, {
      cwd: step.cwd,
      env: step.env,
      detached: true,
      stdio: ["ignore", step.logFd, step.logFd],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
    }, step.timeoutMs);
    if (child.pid !== undefined) running.add(child.pid);
    const finish = (outcome: StepProcessOutcome) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      resolve(outcome);
    };
    child.on("error", (error) => finish({ exitCode: null, signal: null, timedOut, error: error.message }));
    child.on("close", (exitCode, signal) => finish({ exitCode, signal, timedOut, error: null }));
  });
}
