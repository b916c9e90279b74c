import { describe, expect, it } from "vitest";
import { archVerdict, archVerdictText } from "./arch-verdict.ts";

describe("archVerdict", () => {
  const arm = (verdict: "pass" | "mismatch") => ({ name: "luajit-2026", arch: "arm64" as const, verdict });
  const x64 = (verdict: "pass" | "mismatch") => ({ name: "luajit-2026+x64", arch: "x64" as const, verdict });

  it("tells arm64-only from a bug x86-64 has too, and says when x86-64 was not run", () => {
    expect(archVerdict([arm("mismatch"), x64("pass")])).toEqual({ kind: "arm64-only", x64Clean: ["luajit-2026+x64"] });
    expect(archVerdict([arm("mismatch"), x64("mismatch")])).toEqual({
      kind: "also-x64",
      x64Affected: ["luajit-2026+x64"],
    });
    expect(archVerdict([arm("mismatch")])).toEqual({ kind: "x64-not-run" });
    expect(archVerdict([arm("pass"), x64("mismatch")])).toEqual({ kind: "no-arm64-failure" });
  });

  it("words each verdict for a report, naming the builds", () => {
    expect(archVerdictText(archVerdict([arm("mismatch"), x64("pass")]))).toMatch(
      /^arm64-only: .*`luajit-2026\+x64`.*oracle.* reads A64 only/,
    );
    expect(archVerdictText(archVerdict([arm("mismatch"), x64("mismatch")]))).toMatch(
      /^Not arm64-only: .*`luajit-2026\+x64`/,
    );
    expect(archVerdictText(archVerdict([arm("mismatch")]))).toMatch(/^x86-64: not run/);
    expect(archVerdictText({ kind: "no-arm64-failure" })).toBeNull();
  });
});
