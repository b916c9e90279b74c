// `ljfuzz coverage --target T [DIR|FILE.lua…]`: which lines of the JIT
// compiler's sources programs reach, per file, measured with gcov on the
// target's `+cov` build (built when missing).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { type CoverageProgram, measureCoverage } from "../../coverage/index.ts";
import { ExitCode, LjfuzzError } from "../../errors.ts";
import { syntaxError } from "../../execution/index.ts";
import { resolveCase } from "../../report/index.ts";
import { ensureTarget, parseTargetSpec, type Target } from "../../targets/index.ts";
import { existingFile, positiveNumber, type SetExitCode, stderrLog } from "../options.ts";

interface CoverageFlags {
  target: string;
  json?: boolean;
  timeout?: string;
}

export function registerCoverage(program: Command, setExitCode: SetExitCode): void {
  program
    .command("coverage")
    .description("line coverage of the JIT compiler's sources by programs (gcov on the target's +cov build)")
    .argument("<inputs...>", "Lua files, corpus entries or finding bundles, or folders of them")
    .requiredOption("-t, --target <name>", "the target (its +cov build is used, and built when missing)")
    .option("--timeout <seconds>", "the most a program may run", "10")
    .option("--json", "print { target, programs, failed, edges, files: [{ file, lines, covered, percent }], total }")
    .action(async (inputs: string[], flags: CoverageFlags) => {
      const timeoutMs = positiveNumber("--timeout", flags.timeout, 10) * 1000;
      const spec = parseTargetSpec(flags.target, { cov: true });
      const programs = inputs.flatMap(programsOf);
      const target = await ensureTarget(spec, { log: stderrLog });
      await refuseSyntaxErrors(target, inputs, timeoutMs);
      const measured = await measureCoverage(target, programs, { timeoutMs });
      const files = measured.files.map((f) => ({ ...f, percent: percent(f.covered, f.lines) }));
      const lines = files.reduce((n, f) => n + f.lines, 0);
      const covered = files.reduce((n, f) => n + f.covered, 0);
      const total = { lines, covered, percent: percent(covered, lines) };
      if (flags.json) {
        const { programs: count, failed, edges } = measured;
        process.stdout.write(
          `${JSON.stringify({ target: target.name, programs: count, failed, edges, files, total }, null, 2)}\n`,
        );
      } else {
        const width = Math.max(...files.map((f) => f.file.length), 5);
        const row = (name: string, c: number, l: number, p: number) =>
          `${name.padEnd(width)}  ${String(c).padStart(6)} / ${String(l).padEnd(6)} ${p.toFixed(1).padStart(5)}%`;
        process.stdout.write(
          [
            `${target.name}: ${measured.programs} program(s)${measured.failed > 0 ? ` (${measured.failed} ended in an error or died)` : ""}, ${measured.edges} edges`,
            ...files.map((f) => row(f.file, f.covered, f.lines, f.percent)),
            row("total", covered, lines, total.percent),
            "",
          ].join("\n"),
        );
      }
      setExitCode(ExitCode.ok);
    });
}

const percent = (covered: number, lines: number): number =>
  lines === 0 ? 0 : Math.round((1000 * covered) / lines) / 10;

/**
 * The programs an argument names: a .lua file (JIT options from its
 * `-- ljfuzz: -O…` line), a corpus entry or finding bundle, or a folder of
 * them and of .lua files, searched all the way down.
 */
function programsOf(arg: string): CoverageProgram[] {
  const path = resolve(arg);
  if (!existsSync(path)) throw new LjfuzzError(ExitCode.missingFile, `no such file or folder: ${arg}`);
  if (!statSync(path).isDirectory()) return [program(existingFile(arg))];
  const found = caseFolder(path) ? [program(path)] : folderPrograms(path);
  if (found.length === 0) throw new LjfuzzError(ExitCode.missingFile, `${arg} holds no Lua programs`);
  return found;
}

const caseFolder = (dir: string): boolean => existsSync(join(dir, "case.json")) || existsSync(join(dir, "case.lua"));

function folderPrograms(dir: string): CoverageProgram[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return caseFolder(path) ? [program(path)] : folderPrograms(path);
      return name.endsWith(".lua") ? [program(path)] : [];
    });
}

function program(path: string): CoverageProgram {
  const input = resolveCase(path);
  return { path: input.program, jitOptions: input.jitOptions };
}

/** A Lua file named on the command line that does not parse is the user's error (exit 4), as for `run`. */
async function refuseSyntaxErrors(target: Target, inputs: readonly string[], timeoutMs: number): Promise<void> {
  for (const arg of inputs) {
    const path = resolve(arg);
    if (statSync(path).isDirectory()) continue;
    const message = await syntaxError(target, path, timeoutMs);
    if (message !== null) throw new LjfuzzError(ExitCode.luaSyntax, `syntax error: ${message}`);
  }
}
