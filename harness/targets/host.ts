// The machine ljfuzz runs on, and the machine a build's code is for: arm64
// (what ljfuzz fuzzes) or x86-64 (a target's `+x64` leg). A build for the
// host's own architecture is native and runs directly; one for the other is
// cross-built and runs under qemu-user. Everything that differs between the
// two lives here.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ExitCode, LjfuzzError } from "../errors.ts";
import type { TargetArch } from "./source.ts";

export const isArm64Host = process.arch === "arm64";

/**
 * Whether aarch64 programs start as themselves, with no launcher: on an arm64
 * host, or where the kernel hands them to qemu itself (binfmt_misc), which
 * LJFUZZ_AARCH64=direct says. It is the arm64 runners' path for running
 * programs, and how the tests exercise it on x86-64.
 */
export const runsAarch64Directly = isArm64Host || process.env.LJFUZZ_AARCH64 === "direct";

/** What each architecture needs to be built and run where it is not the host's. */
const ARCHES: Readonly<
  Record<TargetArch, { name: string; triple: string; qemu: readonly string[]; crossPackages: readonly string[] }>
> = {
  arm64: {
    name: "aarch64",
    triple: "aarch64-linux-gnu",
    qemu: ["qemu-aarch64-static", "qemu-aarch64"],
    crossPackages: ["qemu-user-static", "gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross", "binutils-aarch64-linux-gnu"],
  },
  x64: {
    name: "x86-64",
    triple: "x86_64-linux-gnu",
    qemu: ["qemu-x86_64-static", "qemu-x86_64"],
    crossPackages: ["qemu-user-static", "gcc-x86-64-linux-gnu", "libc6-dev-amd64-cross", "binutils-x86-64-linux-gnu"],
  },
};

/** Whether code for `arch` runs on this host without qemu. */
export function isNative(arch: TargetArch): boolean {
  return arch === (isArm64Host ? "arm64" : process.arch === "x64" ? "x64" : undefined);
}

/** The architecture's name as people (and binutils) say it: "aarch64", "x86-64". */
export function archName(arch: TargetArch): string {
  return ARCHES[arch].name;
}

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
 * How to start a binary for `arch` on this host: [] natively, or the
 * qemu-user command. LJFUZZ_AARCH64=direct starts aarch64 binaries as
 * themselves where binfmt_misc runs them; LJFUZZ_QEMU overrides the lookup of
 * qemu-aarch64 (and lets tests ask for a qemu that does not exist).
 */
export function launcher(arch: TargetArch): string[] {
  if (isNative(arch)) return [];
  if (arch === "arm64" && runsAarch64Directly) return directLauncher();
  const override = arch === "arm64" ? process.env.LJFUZZ_QEMU : undefined;
  if (override !== undefined && override !== "") {
    try {
      accessSync(override, constants.X_OK);
      return [override];
    } catch {
      throw noQemu(arch, `LJFUZZ_QEMU=${override} is not an executable`);
    }
  }
  const found = ARCHES[arch].qemu.map(which).find((path) => path !== undefined);
  if (!found) throw noQemu(arch, `${ARCHES[arch].qemu[1]} not found`);
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
  throw noQemu("arm64", "LJFUZZ_AARCH64=direct, but no binfmt_misc entry runs aarch64 programs");
}

function noQemu(arch: TargetArch, why: string): LjfuzzError {
  return new LjfuzzError(
    ExitCode.noQemu,
    `${why}: this ${process.arch} host needs qemu-user to run ${archName(arch)} LuaJIT (\`npx ljfuzz targets build\` installs qemu-user-static)`,
  );
}

/** The Debian packages a build for `arch` needs on this host. */
export function buildPackages(arch: TargetArch): string[] {
  const common = ["make", "gcc", "dpkg-dev", "git", "ca-certificates"];
  if (isNative(arch)) return [...common, "libc6-dev"];
  return [...common, ...ARCHES[arch].crossPackages];
}

/** The C compiler that makes code for `arch` here. */
export function compilerFor(arch: TargetArch): string {
  return isNative(arch) ? "gcc" : `${ARCHES[arch].triple}-gcc`;
}

/**
 * Where a dynamic binary for `arch` finds its loader and libraries under
 * qemu-user (qemu's -L): the cross toolchain's sysroot. Undefined natively,
 * or when it is not installed.
 */
export function sysrootFor(arch: TargetArch): string | undefined {
  if (isNative(arch)) return undefined;
  const root = `/usr/${ARCHES[arch].triple}`;
  return existsSync(root) ? root : undefined;
}

/** make arguments for a static luajit for `arch`, cross or native. */
export function makeArguments(options: { assert: boolean; jobs: number; arch: TargetArch }): string[] {
  const args = [`-j${options.jobs}`, "HOST_CC=gcc", "BUILDMODE=static", "LDFLAGS=-static", "TARGET_SYS=Linux"];
  if (!isNative(options.arch)) args.push(`CROSS=${ARCHES[options.arch].triple}-`);
  // Assertions make LuaJIT check its own invariants (IR, register allocation,
  // mcode limits); a failed one aborts, which the runner reports as a crash.
  if (options.assert) args.push("XCFLAGS=-DLUA_USE_ASSERT -DLUA_USE_APICHECK");
  return args;
}

let noRandomize: string[] | null | undefined;

/**
 * The command prefix that runs a native process with its address-space
 * randomization off (`setarch MACHINE -R`: personality ADDR_NO_RANDOMIZE),
 * or null where the host forbids it (many containers do). A native run
 * otherwise puts LuaJIT's heap at a new address each time; under qemu-user
 * the guest's heap is placed the same way in every run already (measured:
 * scripts/replay.ts), so qemu runs need nothing.
 */
export function addressPinning(): readonly string[] | null {
  if (noRandomize === undefined) {
    noRandomize = null;
    const setarch = which("setarch");
    const machine = { x64: "x86_64", arm64: "aarch64" }[process.arch as string];
    if (setarch && machine && spawnSync(setarch, [machine, "-R", "true"]).status === 0)
      noRandomize = [setarch, machine, "-R"];
  }
  return noRandomize;
}

/** The command line that runs a binary for `arch` with args on this host. */
export function commandFor(
  binary: string,
  arch: TargetArch,
  args: readonly string[],
  sysroot?: string,
): { file: string; args: string[] } {
  const [file, ...launcherArgs] = launcher(arch);
  const root = sysroot === undefined ? [] : ["-L", sysroot];
  if (file !== undefined) return { file, args: [...launcherArgs, ...root, binary, ...args] };
  const [pin, ...pinArgs] = addressPinning() ?? [];
  if (pin !== undefined) return { file: pin, args: [...pinArgs, binary, ...args] };
  return { file: binary, args: [...args] };
}

/** How a target's luajit runs here, with args. */
export function targetCommand(
  target: { readonly luajit: string; readonly spec: { readonly arch: TargetArch }; readonly sysroot?: string },
  args: readonly string[],
): { file: string; args: string[] } {
  return commandFor(target.luajit, target.spec.arch, args, target.sysroot);
}

/** How an aarch64 binary runs here (a `bin:` target, the probe's tests). */
export function aarch64Command(binary: string, args: readonly string[]): { file: string; args: string[] } {
  return commandFor(binary, "arm64", args);
}
