import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CORPUS } from "../corpus/index.ts";
import type { TargetResult } from "../execution/index.ts";
import {
  formatSignature,
  optionsPlace,
  optionsWhere,
  parseOptionsWhere,
  parseSignature,
  type Signature,
  sameSignature,
  signatureFields,
  signatureOf,
  signatureSlug,
  withOptions,
} from "./index.ts";

/** Every signature text the repository's corpus holds, as its case.json files spell them. */
function corpusSignatures(): string[] {
  return readdirSync(DEFAULT_CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const meta = JSON.parse(readFileSync(join(DEFAULT_CORPUS, d.name, "case.json"), "utf8")) as {
        signature?: string;
        alsoSignedAs?: string[];
      };
      return [...(meta.signature ? [meta.signature] : []), ...(meta.alsoSignedAs ?? [])];
    });
}

const crash: Signature = { verdict: "crash", signal: "SIGILL", oracle: null, options: null };

describe("a signature's text", () => {
  it("reads back every signature of the corpus and writes the same bytes", () => {
    const texts = corpusSignatures();
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      const parsed = parseSignature(text);
      expect(parsed, text).not.toBeNull();
      expect(formatSignature(parsed!)).toBe(text);
    }
  });

  it("reads the parts as the types the code reasons with", () => {
    expect(parseSignature("crash:SIGILL:illegal-word:pair-offset-smear")).toEqual({
      verdict: "crash",
      signal: "SIGILL",
      oracle: { kind: "illegal-word", cause: "pair-offset-smear" },
      options: null,
    });
    expect(parseSignature("mismatch:-:-:opts(-dce,-fold,hotexit)-hidden-by(cse,fwd)")).toEqual({
      verdict: "mismatch",
      signal: null,
      oracle: null,
      options: { needed: ["-dce", "-fold", "hotexit"], hiddenBy: ["cse", "fwd"] },
    });
    expect(parseSignature("timeout:-:-:-")).toEqual({ verdict: "timeout", signal: null, oracle: null, options: null });
  });

  it("refuses what is no signature", () => {
    for (const text of [
      "",
      "crash:SIGILL",
      "crashed:-:-:-",
      "oracle:-:illegal-word:-",
      "oracle:-:odd-word:pair-offset-smear",
      "oracle:-:illegal-word:ldp",
      "mismatch:-:-:pair-offset",
      "mismatch:-:-:opts(-fold",
    ])
      expect(parseSignature(text), text).toBeNull();
  });

  it("keeps the parts finding.json has always held beside the text", () => {
    expect(signatureFields(parseSignature("oracle:-:pair-mismatch:pair-form")!)).toEqual({
      verdict: "oracle",
      signal: null,
      oracleKind: "pair-mismatch",
      where: "pair-form",
    });
    expect(signatureFields(parseSignature("mismatch:-:-:opts()-hidden-by(fuse)")!)).toEqual({
      verdict: "mismatch",
      signal: null,
      oracleKind: null,
      where: "opts()-hidden-by(fuse)",
    });
    expect(signatureFields(crash)).toEqual({ verdict: "crash", signal: "SIGILL", oracleKind: null, where: null });
  });

  it("names a folder readably", () => {
    expect(signatureSlug("crash:SIGILL:illegal-word:pair-offset-smear")).toBe(
      "crash-sigill-illegal-word-pair-offset-smear",
    );
    expect(signatureSlug("mismatch:-:-:opts(-fold)")).toBe("mismatch-opts-fold");
  });
});

describe("a signature", () => {
  it("means the same signature: verdict, signal, oracle kind and where", () => {
    expect(sameSignature(crash, { ...crash })).toBe(true);
    expect(sameSignature(crash, { ...crash, signal: "SIGSEGV" })).toBe(false);
    expect(sameSignature(crash, { ...crash, verdict: "mismatch", signal: null })).toBe(false);
    const oracle: Signature = {
      verdict: "oracle",
      signal: null,
      oracle: { kind: "illegal-word", cause: "pair-offset-smear" },
      options: null,
    };
    expect(sameSignature(oracle, { ...oracle, oracle: { kind: "pair-mismatch", cause: "pair-offset-smear" } })).toBe(
      false,
    );
    expect(sameSignature(oracle, { ...oracle, oracle: { kind: "illegal-word", cause: "not-an-instruction" } })).toBe(
      false,
    );
    expect(sameSignature(withOptions(crash, optionsPlace(["-fold"])), withOptions(crash, optionsPlace([])))).toBe(
      false,
    );
  });

  it("is what a run shows: its verdict, signal and the oracle's first finding", () => {
    const finding = { kind: "pair-mismatch", where: "pair-unaligned-offset" } as const;
    const run = (findings: readonly (typeof finding)[]): Pick<TargetResult, "verdict" | "signal" | "oracle"> => ({
      verdict: "mismatch",
      signal: null,
      oracle: {
        applied: true,
        findings: findings.map((f) => ({
          ...f,
          trace: 1,
          offset: 0,
          word: "",
          expected: null,
          expectedText: null,
          message: "",
          text: "",
        })),
        stats: { traces: 1, words: 0, pairsPredicted: 0, pairsMatched: 0, unmodeled: 0 },
      },
    });
    expect(formatSignature(signatureOf(run([finding])))).toBe("mismatch:-:pair-mismatch:pair-unaligned-offset");
    expect(formatSignature(signatureOf(run([])))).toBe("mismatch:-:-:-");
  });

  it("takes triage's options only where the oracle did not place it", () => {
    const placed = parseSignature("crash:SIGILL:illegal-word:pair-offset-smear")!;
    expect(withOptions(placed, optionsPlace(["-fold"]))).toBe(placed);
    expect(formatSignature(withOptions(crash, optionsPlace(["hotexit=2", "-fold", "hotexit=1"], ["fwd", "cse"])))).toBe(
      "crash:SIGILL:-:opts(-fold,hotexit)-hidden-by(cse,fwd)",
    );
  });
});

describe("the options a failure needs, as text", () => {
  it("names the options without their values, sorted, then what hides the failure", () => {
    expect(optionsWhere(["hotexit=1", "-fold", "-dce"])).toBe("opts(-dce,-fold,hotexit)");
    expect(optionsWhere([])).toBe("opts()");
    expect(optionsWhere([], ["fwd", "dse"])).toBe("opts()-hidden-by(dse,fwd)");
    expect(parseOptionsWhere(optionsWhere(["-fold", "hotexit=1"], ["dse", "cse"]))).toEqual({
      needed: ["-fold", "hotexit"],
      hiddenBy: ["cse", "dse"],
    });
    expect(parseOptionsWhere("opts()")).toEqual({ needed: [], hiddenBy: [] });
    expect(parseOptionsWhere("pair-offset-smear")).toBeNull();
  });
});
