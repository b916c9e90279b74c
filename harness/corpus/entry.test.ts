// case.json's fields for reports: fixedUpstream (a commit), badCode (patterns)
// and analysis.md, read strictly: a bad one is a corrupt entry, never ignored.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../errors.ts";
import { isOpen, readCorpus, readEntry } from "./entry.ts";

function entryWith(fields: Record<string, unknown>, analysis?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ljfuzz-entry-"));
  writeFileSync(join(dir, "case.lua"), "print(1)\n");
  writeFileSync(join(dir, "case.json"), JSON.stringify({ id: "e", title: "t", expect: {}, ...fields }));
  if (analysis !== undefined) writeFileSync(join(dir, "analysis.md"), analysis);
  return dir;
}

describe("readEntry", () => {
  it("reads the upstream fix, the marks and the analysis", () => {
    const e = readEntry(
      entryWith({ fixedUpstream: { commit: "0fa2f1cb", issue: "#1056" }, badCode: { mcode: ["^ldp "] } }, "Cause.\n"),
    );
    expect(e.fixedUpstream).toEqual({ commit: "0fa2f1cb", firstFixedIn: null, issue: "#1056" });
    expect(e.badCode.ir).toEqual([]);
    expect(e.badCode.mcode[0]!.test("ldp w1, w2, [x0]")).toBe(true);
    expect(e.analysis).toBe("Cause.");
    expect(isOpen(e)).toBe(false);
    expect(isOpen(readEntry(entryWith({})))).toBe(true);
  });

  it("takes the first fixed build when no commit is named, if the entry expects it to pass", () => {
    const fixed = { fixedUpstream: { firstFixedIn: "luajit-2026" } };
    const e = readEntry(entryWith({ ...fixed, expect: { "luajit-2026": { verdict: "pass", signal: null } } }));
    expect(e.fixedUpstream).toEqual({ commit: null, firstFixedIn: "luajit-2026", issue: null });
    expect(isOpen(e)).toBe(false);
    const failing = { ...fixed, expect: { "luajit-2026": { verdict: "mismatch", signal: null } } };
    expect(() => readEntry(entryWith(failing))).toThrow(
      /firstFixedIn luajit-2026 is not a build the entry expects to pass/,
    );
  });

  it.each([
    [{ fixedUpstream: { commit: "not hex" } }, /fixedUpstream must be/],
    [{ badCode: { mcode: ["("] } }, /badCode\.mcode: /],
    [{ badCode: { ir: "XSTORE" } }, /badCode\.ir must be a list/],
  ])("refuses %j", (fields, message) => {
    expect(() => readEntry(entryWith(fields))).toThrow(message);
    try {
      readEntry(entryWith(fields));
    } catch (error) {
      expect((error as { exitCode?: number }).exitCode).toBe(ExitCode.corruptCorpus);
    }
  });

  it("finds every curated entry of the corpus with an expectation for HEAD and its x86-64 leg", () => {
    for (const e of readCorpus().filter((x) => x.upstream !== null))
      expect(Object.keys(e.expect), e.id).toEqual(expect.arrayContaining(["luajit-2026", "luajit-2026+x64"]));
  });
});
