// Names the commit where a program's behaviour changed: build LuaJIT at
// commits between two revisions (as git: targets, each cached by commit),
// run the program on each, and binary-search for the first commit whose
// signature is the one the newer revision shows. Works both ways: where a
// bug appeared, and where it was fixed.
import { join } from "node:path";
import { execa } from "execa";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { runDifferential } from "../execution/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import { formatSignature, signatureOf } from "../signature/index.ts";
import { ensureTarget, parseTargetSpec } from "../targets/index.ts";

export interface BisectOptions {
  readonly url: string;
  readonly from: string;
  readonly to: string;
  readonly program: string;
  readonly jitOptions: readonly string[];
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

export interface CommitVerdict {
  readonly commit: string;
  readonly subject: string;
  readonly signature: string;
}

export interface BisectResult {
  /** The behaviour at `from` and at `to`. */
  readonly before: string;
  readonly after: string;
  /** The last commit that still behaves as `from`, and the first that behaves as `to`. */
  readonly lastBefore: CommitVerdict;
  readonly firstAfter: CommitVerdict;
  readonly tested: readonly CommitVerdict[];
  readonly candidates: number;
}

async function git(cwd: string, args: string[]): Promise<string> {
  const result = await execa("git", args, { cwd, reject: false, all: true });
  if (result.exitCode !== 0) throw new LjfuzzError(ExitCode.provision, `git ${args.join(" ")} failed`, result.all);
  return result.stdout.trim();
}

export async function bisect(options: BisectOptions): Promise<BisectResult> {
  const dir = makeScratch("bisect");
  try {
    options.log(`reading the history of ${options.url}`);
    await git(dir, ["clone", "--quiet", "--no-checkout", options.url, "repo"]);
    const repo = join(dir, "repo");
    const from = await git(repo, ["rev-parse", "--verify", `${options.from}^{commit}`]);
    const to = await git(repo, ["rev-parse", "--verify", `${options.to}^{commit}`]);
    // Commits after `from` up to `to`, oldest first, along the path between them.
    const path = (await git(repo, ["rev-list", "--reverse", "--ancestry-path", `${from}..${to}`]))
      .split("\n")
      .filter(Boolean);
    if (path.length === 0) throw new LjfuzzError(ExitCode.usage, `${options.to} does not descend from ${options.from}`);
    const subject = (commit: string) => git(repo, ["log", "-1", "--format=%s", commit]);

    const cache = new Map<string, CommitVerdict>();
    const test = async (commit: string): Promise<CommitVerdict> => {
      const known = cache.get(commit);
      if (known) return known;
      const target = await ensureTarget(parseTargetSpec(`git:${options.url}@${commit}`), { log: options.log });
      const result = await runDifferential(target, options.program, {
        jitOptions: options.jitOptions,
        timeoutMs: options.timeoutMs,
        dump: false,
      });
      const verdict = { commit, subject: await subject(commit), signature: formatSignature(signatureOf(result)) };
      options.log(`${commit.slice(0, 12)} ${verdict.signature}  ${verdict.subject}`);
      cache.set(commit, verdict);
      return verdict;
    };

    const before = await test(from);
    const after = await test(to);
    if (before.signature === after.signature) {
      throw new LjfuzzError(
        ExitCode.usage,
        `nothing to bisect: ${options.from} and ${options.to} both give ${after.signature}`,
      );
    }
    // Invariant: path[lo] (or `from`) behaves as before, path[hi] as after;
    // when they are neighbours, path[hi] is where the behaviour changed.
    let lo = -1; // index into path; -1 is `from`
    let hi = path.length - 1; // `to`
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const v = await test(path[mid]!);
      if (v.signature === after.signature) hi = mid;
      else lo = mid;
    }
    const lastBefore = lo < 0 ? before : cache.get(path[lo]!)!;
    const firstAfter = cache.get(path[hi]!) ?? (await test(path[hi]!));
    return {
      before: before.signature,
      after: after.signature,
      lastBefore,
      firstAfter,
      tested: [...cache.values()],
      candidates: path.length,
    };
  } finally {
    removeScratch(dir);
  }
}
