// For the tests: a repository like a fresh clone of this one, but of the
// working tree as it is (tracked files and new ones not ignored, uncommitted
// changes included), less some paths, in one commit. No node_modules, no
// builds: a job that needs them installs them, as on GitHub.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export function freshRepository(source: string, destination: string, without: readonly string[] = []): string {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const files = git(source, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    .split("\0")
    .filter((f) => f !== "" && !without.some((w) => f === w || f.startsWith(`${w}/`)))
    // A node_modules that is a symlink is no folder to .gitignore's `node_modules/`: copied, it would
    // point a job's `npm ci` at the checkout's own modules, and wipe them.
    .filter((f) => f.split("/")[0] !== "node_modules");
  for (const file of files) {
    mkdirSync(dirname(join(destination, file)), { recursive: true });
    cpSync(join(source, file), join(destination, file), { verbatimSymlinks: true });
  }
  git(destination, "init", "--quiet", "-b", "main");
  git(destination, "add", "-A");
  git(
    destination,
    "-c",
    "user.name=ljfuzz test",
    "-c",
    "user.email=test@ljfuzz.invalid",
    "commit",
    "--quiet",
    "-m",
    "a fresh clone",
  );
  return destination;
}
