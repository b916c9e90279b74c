// The machine ljfuzz runs on: native arm64, or x86-64 running aarch64 code
// under qemu-user. Everything that differs between the two lives here.
import { accessSync, constants, readdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ExitCode, LjfuzzError } from "../errors.ts";

export const isArm64Host = process.arch === "arm64";

/**
 * Whether aarch64 programs start as themselves, with no launcher: on an arm64
 * host, or where the kernel hands them to qemu itself (binfmt_misc), which
 * LJFUZZ_AARCH64=direct says. It is the arm64 runners' path for running
 * programs, and how the tests exercise it on x86-64.
 */
export const runsAarch64Directly = isArm64Host || process.env.LJFUZZ_AARCH64 === "direct";

/** Finds an executable on PATH, or returns undefined. */
export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * How to start an aarch64 binary on this host: [] natively, or the qemu-user
 * command. LJFUZZ_QEMU overrides the lookup (and lets tests ask for a qemu
 * that does not exist).
 */
export function aarch64Launcher(): string[] {
  if (isArm64Host) return [];
  if (runsAarch64Directly) return directLauncher();
  const override = process.env.LJFUZZ_QEMU;
  if (override !== undefined && override !== "") {
    try {
      accessSync(override, constants.X_OK);
      return [override];
    } catch {
      throw noQemu(`LJFUZZ_QEMU=${override} is not an executable`);
    }
  }
  const found = which("qemu-aarch64-static") ?? which("qemu-aarch64");
  if (!found) throw noQemu("qemu-aarch64 not found");
  return [found];
}

/** [] when binfmt_misc runs aarch64 ELF files here (e_machine 0xb7 in an enabled entry's magic). */
function directLauncher(): string[] {
  const dir = "/proc/sys/fs/binfmt_misc";
  const aarch64 = (entry: string) => {
    const text = readFileSync(join(dir, entry), "utf8");
    return text.startsWith("enabled") && /^magic 7f454c460201\w{24}b700/m.test(text);
  };
  try {
    if (readdirSync(dir).some((e) => e !== "register" && e !== "status" && aarch64(e))) return [];
  } catch {
    // no binfmt_misc mounted
  }
  throw noQemu("LJFUZZ_AARCH64=direct, but no binfmt_misc entry runs aarch64 programs");
}

function noQemu(why: string): LjfuzzError {
  return new LjfuzzError(
    ExitCode.noQemu,
    `${why}: this ${process.arch} host needs qemu-user to run aarch64 LuaJIT (\`npx ljfuzz targets build\` installs qemu-user-static)`,
  );
}

/** The Debian packages a build needs on this host. */
export function buildPackages(): string[] {
  const common = ["make", "gcc", "dpkg-dev", "git", "ca-certificates"];
  if (isArm64Host) return [...common, "libc6-dev"];
  return [
    ...common,
    "qemu-user-static",
    "gcc-aarch64-linux-gnu",
    "libc6-dev-arm64-cross",
    "binutils-aarch64-linux-gnu",
  ];
}

/** make arguments for a static aarch64 luajit, cross or native. */
export function makeArguments(options: { assert: boolean; jobs: number }): string[] {
  const args = [`-j${options.jobs}`, "HOST_CC=gcc", "BUILDMODE=static", "LDFLAGS=-static", "TARGET_SYS=Linux"];
  if (!isArm64Host) args.push("CROSS=aarch64-linux-gnu-");
  // Assertions make LuaJIT check its own invariants (IR, register allocation,
  // mcode limits); a failed one aborts, which the runner reports as a crash.
  if (options.assert) args.push("XCFLAGS=-DLUA_USE_ASSERT -DLUA_USE_APICHECK");
  return args;
}

/** The command line that runs an aarch64 binary with args on this host. */
export function aarch64Command(binary: string, args: readonly string[]): { file: string; args: string[] } {
  const [launcher, ...launcherArgs] = aarch64Launcher();
  if (launcher === undefined) return { file: binary, args: [...args] };
  return { file: launcher, args: [...launcherArgs, binary, ...args] };
}
