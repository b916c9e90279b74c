// The arm64 runners' way of running programs, exercised here: no launcher,
// the aarch64 binary started as itself. On x86-64 that needs the kernel to run
// aarch64 ELF files on its own: binfmt_misc, mounted and registered in a user
// namespace of the test's own (Linux 6.7 and later give each its own), so
// nothing outside the test sees it. The programs still run under qemu there,
// started by the kernel; what a real arm64 core does is not checked here.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it, onTestFinished } from "vitest";
import { PR1028_CASE, REPO } from "../testing/fixtures.ts";
import { which } from "./host.ts";

// binfmt_misc's register line for aarch64 ELF executables (EM_AARCH64 = 0xb7),
// F: the interpreter is opened now, so it works inside the namespace.
const MAGIC = String.raw`\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00`;
const MASK = String.raw`\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff`;

function directHostProblem(): string | undefined {
  if (process.arch === "arm64") return "an arm64 host runs every test natively";
  const qemu = which("qemu-aarch64-static");
  if (!qemu) return "no qemu-aarch64-static";
  try {
    execFileSync("unshare", ["--user", "--map-root-user", "--mount", "--fork", "true"], { stdio: "ignore" });
  } catch {
    return "no user namespaces here";
  }
  return undefined;
}

/** Runs ljfuzz with aarch64 programs started directly, in a namespace where binfmt_misc runs them. */
function ljfuzzDirect(args: string[]) {
  const qemu = which("qemu-aarch64-static")!;
  const script = [
    "set -e",
    "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc",
    `printf '%s' ':ljfuzz-aarch64:M::${MAGIC}:${MASK}:${qemu}:F' >/proc/sys/fs/binfmt_misc/register`,
    'exec node bin/ljfuzz.js "$@"',
  ].join("\n");
  return execa("unshare", ["--user", "--map-root-user", "--mount", "--fork", "bash", "-c", script, "ljfuzz", ...args], {
    cwd: REPO,
    env: { LJFUZZ_AARCH64: "direct", LJFUZZ_QEMU: "/nonexistent/qemu" },
    reject: false,
  });
}

const problem = directHostProblem();

describe.skipIf(problem !== undefined)(
  `aarch64 programs started directly, as on arm64 (${problem ?? "binfmt_misc"})`,
  () => {
    it("runs PR #1028's reproducer as the binary itself: SIGILL before the fix, a pass after", async () => {
      const run = await ljfuzzDirect(["run", PR1028_CASE, "-t", "openresty-2023", "-t", "openresty-2025", "--json"]);
      expect(run.exitCode, run.stderr).toBe(1);
      const results = JSON.parse(run.stdout) as {
        target: string;
        verdict: string;
        signal: string | null;
        jitOn: { command: string[] };
      }[];
      expect(results.map((r) => [r.target, r.verdict, r.signal])).toEqual([
        ["openresty-2023", "crash", "SIGILL"],
        ["openresty-2025", "pass", null],
      ]);
      // The binary itself, no launcher (setarch -R, which turns address randomization off, execs it).
      for (const r of results) {
        const [first, ...rest] = r.jitOn.command;
        const binary = first!.endsWith("/setarch") ? rest[2] : first;
        expect(binary).toMatch(/\/bin\/luajit$/);
        expect(r.jitOn.command.join(" ")).not.toMatch(/qemu/);
      }
    });

    it("fuzzes, batches and confirms with no launcher (LJFUZZ_QEMU names no qemu at all)", async () => {
      const out = mkdtempSync(join(tmpdir(), "ljfuzz-direct-"));
      onTestFinished(() => rmSync(out, { recursive: true, force: true }));
      const run = await ljfuzzDirect(
        ["fuzz", "-t", "openresty-2023", "--cases", "40", "--seed", "1", "--jobs", "1"].concat([
          "--no-known",
          "--shrink",
          "0",
          "--reduce",
          "0",
          "--out",
          out,
          "--json",
        ]),
      );
      expect([0, 1], run.stderr).toContain(run.exitCode);
      const summary = JSON.parse(run.stdout) as { cases: number; findings: { signature: string }[] };
      expect(summary.cases).toBe(40);
      expect(summary.findings.map((f) => f.signature)).toContain("crash:SIGILL:illegal-word:pair-offset-smear");
    });

    it("says so in one line when no binfmt_misc entry runs aarch64 programs", async () => {
      const run = await execa("node", ["bin/ljfuzz.js", "run", PR1028_CASE, "-t", "openresty-2023"], {
        cwd: REPO,
        env: { LJFUZZ_AARCH64: "direct" },
        reject: false,
      });
      expect(run.exitCode).toBe(7);
      expect(run.stderr).toMatch(/LJFUZZ_AARCH64=direct, but no binfmt_misc entry runs aarch64 programs/);
    });
  },
);
