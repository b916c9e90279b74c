import { describe, expect, it } from "vitest";
import { parseSignature, type Signature } from "../signature/index.ts";
import type { CorpusEntry } from "./entry.ts";
import { knownBugs as knownBugsOf } from "./known.ts";

/** Signatures as a corpus entry and a campaign spell them. */
const sig = (text: string): Signature => parseSignature(text)!;
const knownBugs = (entries: readonly CorpusEntry[]) => {
  const known = knownBugsOf(entries);
  return (signature: string, target: string) => known(sig(signature), target);
};

const entry = (id: string, signature: string | null, expect: CorpusEntry["expect"]): CorpusEntry => ({
  id,
  dir: id,
  program: `${id}/case.lua`,
  prngSeed: 0,
  title: id,
  upstream: null,
  signature: signature === null ? null : sig(signature),
  alsoSignedAs: [],
  jitOptions: ["hotloop=1"],
  expect,
  fixPatch: null,
  fixedUpstream: null,
  analysis: null,
  badCode: { ir: [], mcode: [] },
});

describe("knownBugs", () => {
  const known = knownBugs([
    entry("pr1028", "crash:SIGILL:illegal-word:pair-offset-smear", {
      "openresty-2023": { verdict: "crash", signal: "SIGILL" },
      "openresty-2025": { verdict: "pass", signal: null },
    }),
    entry("unsigned", null, { "openresty-2023": { verdict: "mismatch", signal: null } }),
    entry("noloop", "mismatch:-:-:opts(-loop,loopunroll)-hidden-by(fold)", {
      "openresty-2023": { verdict: "pass", signal: null, or: [{ verdict: "crash", signal: "SIGSEGV" }] },
      "openresty-2025": { verdict: "mismatch", signal: null, or: [{ verdict: "crash", signal: "SIGSEGV" }] },
    }),
  ]);

  it("knows a signature on the targets where its entry expects a failure", () => {
    expect(known("crash:SIGILL:illegal-word:pair-offset-smear", "openresty-2023")?.id).toBe("pr1028");
  });

  it("calls a hit new where the entry expects a pass (a regression) or says nothing", () => {
    expect(known("crash:SIGILL:illegal-word:pair-offset-smear", "openresty-2025")).toBeNull();
    expect(known("crash:SIGILL:illegal-word:pair-offset-smear", "git:file:///x@HEAD")).toBeNull();
  });

  it("knows on a +cov build what it knows on the build without it", () => {
    expect(known("crash:SIGILL:illegal-word:pair-offset-smear", "openresty-2023+cov")?.id).toBe("pr1028");
    expect(known("crash:SIGILL:illegal-word:pair-offset-smear", "openresty-2025+cov")).toBeNull();
  });

  it("takes a word the oracle placed for the same bug whether the trace ran or not", () => {
    expect(known("oracle:-:illegal-word:pair-offset-smear", "openresty-2023")?.id).toBe("pr1028");
    expect(known("oracle:-:illegal-word:pair-offset", "openresty-2023")).toBeNull();
  });

  it("knows a bug by each way its entry says it shows on a target", () => {
    expect(known("mismatch:-:-:opts(-loop,loopunroll)-hidden-by(fold)", "openresty-2025")?.id).toBe("noloop");
    expect(known("crash:SIGSEGV:-:opts(-loop,loopunroll)-hidden-by(fold)", "openresty-2025")?.id).toBe("noloop");
    expect(known("crash:SIGSEGV:-:opts(-loop,loopunroll)-hidden-by(fold)", "openresty-2023")?.id).toBe("noloop");
    expect(known("crash:SIGSEGV:-:opts(-loop)", "openresty-2025")).toBeNull();
  });

  it("knows a failure the oracle cannot place by its needed options and the optimizations that hide it", () => {
    // Hidden by all that hide the entry's bug, and by one more: the same bug in a program that needs more.
    expect(known("mismatch:-:-:opts(-loop,loopunroll)-hidden-by(dce,fold)", "openresty-2025")).toEqual({
      id: "noloop",
      by: "optimizations",
    });
    expect(known("crash:SIGSEGV:-:opts(-loop,loopunroll)-hidden-by(fold,sink)", "openresty-2023")).toEqual({
      id: "noloop",
      by: "optimizations",
    });
    expect(known("mismatch:-:-:opts(-loop,loopunroll)-hidden-by(fold)", "openresty-2025")).toEqual({
      id: "noloop",
      by: "signature",
    });
    // Not hidden by what hides the entry's bug, other options needed, or another way of failing: new.
    expect(known("mismatch:-:-:opts(-loop,loopunroll)-hidden-by(dce)", "openresty-2025")).toBeNull();
    expect(known("mismatch:-:-:opts(-loop)-hidden-by(fold)", "openresty-2025")).toBeNull();
    expect(known("crash:SIGILL:-:opts(-loop,loopunroll)-hidden-by(fold)", "openresty-2025")).toBeNull();
    // Never where the entry expects a pass.
    expect(known("mismatch:-:-:opts(-loop,loopunroll)-hidden-by(dce,fold)", "luajit-2022")).toBeNull();
  });

  it("knows a bug by the other signatures its entry lists", () => {
    const bnot = {
      ...entry("bnot", "mismatch:-:-:opts(-fold)", { "openresty-2025": { verdict: "mismatch", signal: null } }),
      alsoSignedAs: [sig("mismatch:-:-:opts(-fold,-narrow,loopunroll)")],
    };
    const k = knownBugs([bnot]);
    expect(k("mismatch:-:-:opts(-fold,-narrow,loopunroll)", "openresty-2025")).toEqual({ id: "bnot", by: "signature" });
    expect(k("mismatch:-:-:opts(-fold,-narrow)", "openresty-2025")).toBeNull();
  });

  it("does not match entries without a signature, or other signatures", () => {
    expect(known("mismatch:-:-:-", "openresty-2023")).toBeNull();
    expect(known("crash:SIGSEGV:-:opts()", "openresty-2023")).toBeNull();
  });
});
