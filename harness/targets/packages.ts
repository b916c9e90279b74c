// Installs the Debian packages ljfuzz needs, idempotently: asks dpkg what is
// there, and runs apt-get (through sudo when not root) only for what is not.
import { execa } from "execa";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { which } from "./host.ts";

export async function missingPackages(packages: readonly string[]): Promise<string[]> {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format fields
  const result = await execa("dpkg-query", ["-W", "-f=${Package} ${db:Status-Abbrev}\n", ...packages], {
    reject: false,
  });
  const installed = new Set(
    result.stdout
      .split("\n")
      .filter((line) => /\sii\s*$/.test(line))
      .map((line) => line.split(" ")[0]),
  );
  return packages.filter((p) => !installed.has(p));
}

export async function ensurePackages(packages: readonly string[], log: (line: string) => void): Promise<void> {
  if (!which("dpkg-query") || !which("apt-get")) {
    throw new LjfuzzError(ExitCode.provision, `this system has no apt/dpkg: install by hand ${packages.join(" ")}`);
  }
  const missing = await missingPackages(packages);
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  if (sudo.length > 0 && !which("sudo")) {
    throw new LjfuzzError(
      ExitCode.provision,
      `missing packages (${missing.join(" ")}) and not root, no sudo: install them by hand`,
    );
  }
  log(`installing ${missing.join(" ")}`);
  const run = async (args: string[]) => {
    const [command, ...rest] = [...sudo, ...args] as [string, ...string[]];
    return execa(command, rest, { reject: false, env: { DEBIAN_FRONTEND: "noninteractive" }, all: true });
  };
  let result = await run(["apt-get", "install", "-y", "--no-install-recommends", ...missing]);
  if (result.exitCode !== 0) {
    // The package lists may be stale or absent on a fresh machine.
    await run(["apt-get", "update"]);
    result = await run(["apt-get", "install", "-y", "--no-install-recommends", ...missing]);
  }
  if (result.exitCode !== 0) {
    throw new LjfuzzError(
      ExitCode.provision,
      `apt-get install ${missing.join(" ")} failed (exit ${result.exitCode})`,
      result.all,
    );
  }
}
