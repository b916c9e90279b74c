// A git: target, built for real: a local repository stands in for a remote
// one (git clones both alike), made from the fixed Debian source package.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it, onTestFinished } from "vitest";
import { runDifferential } from "../execution/index.ts";
import { FIXED_TARGET, PR1028_CASE, removeTestRepository, target } from "../testing/fixtures.ts";
import { ensureTarget, findBuiltTarget } from "./build.ts";
import { cacheRoot } from "./cache.ts";
import { parseTargetSpec } from "./source.ts";

describe("git: targets", () => {
  it("clone, build at the commit a branch names, record the commit, and run", async () => {
    const fixed = await target(FIXED_TARGET);
    const provenance = fixed.manifest?.provenance;
    if (!provenance || !("package" in provenance))
      throw new Error(`${FIXED_TARGET} is not built from a Debian source package`);
    const dsc = join(cacheRoot(), "sources", `${provenance.package}_${provenance.version}`, provenance.files[0]!.name);
    const repo = join(mkdtempSync(join(tmpdir(), "ljfuzz-git-")), "luajit");
    onTestFinished(() => removeTestRepository(repo));
    await execa("dpkg-source", ["--no-check", "-x", dsc, repo]);
    const git = (...args: string[]) =>
      execa("git", ["-c", "user.email=t@ljfuzz.invalid", "-c", "user.name=t", ...args], { cwd: repo });
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("commit", "-qm", "import");
    const head = (await git("rev-parse", "HEAD")).stdout.trim();

    const spec = parseTargetSpec(`git:file://${repo}@main`);
    expect(await findBuiltTarget(spec)).toBeUndefined();
    const built = await ensureTarget(spec);
    expect(built.manifest?.provenance).toEqual({ url: `file://${repo}`, commit: head });
    expect((await findBuiltTarget(spec))?.luajit).toBe(built.luajit);
    const result = await runDifferential(built, PR1028_CASE, {
      jitOptions: ["hotloop=1"],
      timeoutMs: 20_000,
      dump: false,
    });
    expect(result).toMatchObject({ verdict: "pass", target: `git:file://${repo}@main` });
  }, 300_000);
});
