// Completes package-lock.json with the platform packages this machine's npm
// registry does not serve (it has rollup's Linux builds only, and answers
// 404 for the others), so `npm ci` accepts the lock file here and anywhere.
// Each entry is what npm itself writes for an optional platform package:
// its version and the os/cpu/libc it runs on (read off its name); npm skips
// it without fetching on any other platform.
//   npx tsx scripts/lockfile-platforms.ts     (after every `npm install`)
import { readFileSync, writeFileSync } from "node:fs";

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const OS = ["android", "darwin", "freebsd", "linux", "openbsd", "openharmony", "win32", "netbsd", "sunos", "aix"];
const CPU: Record<string, string> = {
  arm: "arm",
  arm64: "arm64",
  x64: "x64",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
};

/** "rollup-linux-arm64-musl" → linux, arm64, musl. */
function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> | undefined {
  const parts = name.split("/").pop()!.split("-");
  const at = parts.findIndex((p) => OS.includes(p));
  if (at < 0) return undefined;
  const cpu = CPU[parts[at + 1] ?? ""];
  if (!cpu) return undefined;
  const abi = parts.slice(at + 2).join("-");
  const entry: Pick<LockEntry, "os" | "cpu" | "libc"> = { os: [parts[at]!], cpu: [cpu] };
  if (parts[at] === "linux") entry.libc = [/musl/.test(abi) ? "musl" : "glibc"];
  return entry;
}

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8")) as { packages: Record<string, LockEntry> };
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const where = `node_modules/${name}`;
    if (lock.packages[where] || lock.packages[`${key}/${where}`]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[where] = { version, optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries`);
