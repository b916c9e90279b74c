// Bisecting real builds: a local repository whose history goes from the
// buggy OpenResty 2023 tree, through an unrelated change, to the fixed 2025
// tree. The fix must be pinned on the commit that brought the new tree.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { describe, expect, it, onTestFinished } from "vitest";
import { cacheRoot } from "../targets/index.ts";
import { PR1028_CASE, removeTestRepository, target } from "../testing/fixtures.ts";
import { bisect } from "./bisect.ts";

async function debianTree(name: string): Promise<string> {
  const t = await target(name);
  const p = t.manifest?.provenance;
  if (!p || !("package" in p)) throw new Error(`${name} is not built from a Debian source package`);
  const dest = join(mkdtempSync(join(tmpdir(), "ljfuzz-tree-")), "src");
  onTestFinished(() => rmSync(dirname(dest), { recursive: true, force: true }));
  await execa("dpkg-source", [
    "--no-check",
    "-x",
    join(cacheRoot(), "sources", `${p.package}_${p.version}`, p.files[0]!.name),
    dest,
  ]);
  return dest;
}

describe("bisect", () => {
  it("names the commit that fixed PR #1028 in a history of real LuaJIT trees", async () => {
    const repo = join(mkdtempSync(join(tmpdir(), "ljfuzz-history-")), "luajit");
    onTestFinished(() => removeTestRepository(repo));
    const git = (...args: string[]) =>
      execa("git", ["-c", "user.email=t@ljfuzz.invalid", "-c", "user.name=t", ...args], { cwd: repo });
    cpSync(await debianTree("openresty-2023"), repo, { recursive: true });
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("commit", "-qm", "import OpenResty luajit2 2.1-20230119");
    writeFileSync(join(repo, "NOTES"), "an unrelated change\n");
    await git("add", "-A");
    await git("commit", "-qm", "unrelated change");
    for (const entry of readdirSync(repo))
      if (entry !== ".git") rmSync(join(repo, entry), { recursive: true, force: true });
    cpSync(await debianTree("openresty-2025"), repo, { recursive: true });
    await git("add", "-A");
    await git("commit", "-qm", "update to OpenResty LuaJIT 2.1.0+openresty20251030");

    const result = await bisect({
      url: `file://${repo}`,
      from: "main~2",
      to: "main",
      program: PR1028_CASE,
      jitOptions: ["hotloop=1"],
      timeoutMs: 20_000,
      log: () => {},
    });
    expect(result.before).toBe("crash:SIGILL:illegal-word:pair-offset-smear");
    expect(result.after).toBe("pass:-:-:-");
    expect(result.lastBefore.subject).toBe("unrelated change");
    expect(result.firstAfter.subject).toBe("update to OpenResty LuaJIT 2.1.0+openresty20251030");
    expect(result.candidates).toBe(2);
  }, 600_000);
});
