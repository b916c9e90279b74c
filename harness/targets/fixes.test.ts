// The corpus's fixes on real +fixes builds: each patch alone fixes its own
// entry's bug, and the build without it has the bug. A campaign tells a
// known bug by these one-patch binaries on every target it fuzzes, so a
// patch is checked on the fixed build (openresty-2025) when it applies there,
// and on one pre-fix build where its entry fails: openresty-2023, or
// luajit-2022 for a bug 2023 already fixed. Bugs fixed upstream by 2025 have
// patches that only the old builds take. And every patch of a bug upstream
// HEAD (luajit-2026) has applies to HEAD and fixes it there: it is the patch
// a report offers.
import { describe, expect, it } from "vitest";
import { acceptedOutcomes, type CorpusEntry, readCorpus } from "../corpus/index.ts";
import { runDifferential } from "../execution/index.ts";
import { BUGGY_TARGETS, FIXED_TARGET, HEAD_TARGET, target } from "../testing/fixtures.ts";
import type { Target } from "./build.ts";
import { corpusFixes } from "./fixes.ts";

/**
 * The pre-fix builds, newest first, the order an entry is checked on them:
 * on the first where it fails, not on both, which would double the runs for
 * no news.
 */
const PRE_FIX_TARGETS = [...BUGGY_TARGETS].reverse();

/** The verdicts an entry accepts on a target: its expectation and the alternatives it lists. */
function expectedVerdicts(entry: CorpusEntry, targetName: string): string[] {
  const expected = entry.expect[targetName];
  if (!expected) return [];
  return acceptedOutcomes(expected).map((e) => e.verdict);
}

/**
 * Checks each entry's patch on a `+fixes` build of `name`: the plain build
 * gives the entry's expected verdict, its one-patch binary and the
 * all-patches binary pass. Returns the ids it checked.
 */
async function checkFixes(name: string, entries: readonly CorpusEntry[]): Promise<string[]> {
  const plain = await target(name);
  const fixed = await target(`${name}+fixes`);
  // Every patch was tried: applied (a one-patch binary) or listed as not applying.
  const tried = [...(fixed.manifest?.fixes?.applied ?? []), ...(fixed.manifest?.fixes?.unapplied ?? [])].sort();
  expect(tried, `${name}+fixes tried every corpus patch`).toEqual(corpusFixes().map((f) => f.id));
  expect([...fixed.fixes.keys()]).toEqual(fixed.manifest?.fixes?.applied ?? []);
  const checked: string[] = [];
  for (const entry of entries) {
    const fix = fixed.fixes.get(entry.id);
    if (fix === undefined) continue;
    const run = (t: Target) =>
      runDifferential(t, entry.program, { jitOptions: entry.jitOptions, timeoutMs: 30_000, dump: false });
    expect(expectedVerdicts(entry, name), `${entry.id} on the plain ${name}`).toContain((await run(plain)).verdict);
    expect((await run({ ...fixed, luajit: fix })).verdict, `${entry.id} with its fix on ${name}`).toBe("pass");
    expect((await run(fixed)).verdict, `${entry.id} with every fix on ${name}`).toBe("pass");
    checked.push(entry.id);
  }
  return checked;
}

describe("a +fixes build", () => {
  it("has a binary per corpus fix.patch that applies, which makes its entry pass where the plain build fails it", async () => {
    const withFixes = readCorpus().filter((e) => e.fixPatch !== null);
    expect(withFixes.length).toBeGreaterThan(0);
    const checked = await checkFixes(FIXED_TARGET, withFixes);
    const fails = (e: CorpusEntry, name: string) => expectedVerdicts(e, name).some((v) => v !== "pass");
    for (const name of PRE_FIX_TARGETS) {
      // Only where the bug shows: an entry that passes there would prove nothing.
      const failing = withFixes.filter(
        (e) => fails(e, name) && !PRE_FIX_TARGETS.slice(0, PRE_FIX_TARGETS.indexOf(name)).some((n) => fails(e, n)),
      );
      if (failing.length === 0) continue;
      // A patch for a bug an old build has must apply there: otherwise a
      // campaign on it cannot tell that bug by its fix and reports it as new.
      expect(await checkFixes(name, failing), `patches that apply to ${name}`).toEqual(failing.map((e) => e.id));
      checked.push(...failing.map((e) => e.id));
    }
    // Upstream HEAD: each bug it has, fixed there by its patch.
    const onHead = withFixes.filter((e) => fails(e, HEAD_TARGET));
    expect(onHead.length).toBeGreaterThan(0);
    expect(await checkFixes(HEAD_TARGET, onHead), `patches that apply to ${HEAD_TARGET}`).toEqual(
      onHead.map((e) => e.id),
    );
    // And no patch goes unchecked.
    for (const entry of withFixes) expect(checked, `${entry.id} checked on some build`).toContain(entry.id);
  }, 1_200_000);
});
