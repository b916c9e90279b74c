import { describe, expect, it } from "vitest";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { parseTargetSpec, withFixes, withX64 } from "./source.ts";

function exitCodeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof LjfuzzError ? error.exitCode : -1;
  }
  return undefined;
}

describe("parseTargetSpec", () => {
  it("knows the catalog names and the +assert variant", () => {
    expect(parseTargetSpec("openresty-2023")).toMatchObject({
      name: "openresty-2023",
      assert: false,
      source: { kind: "debian", package: "luajit2" },
    });
    expect(parseTargetSpec("luajit-2022+assert")).toMatchObject({ name: "luajit-2022+assert", assert: true });
    expect(parseTargetSpec("luajit-2022", { assert: true }).name).toBe("luajit-2022+assert");
  });

  it("knows the +fixes variant, with +assert in either order, and names it one way", () => {
    expect(parseTargetSpec("openresty-2025+fixes")).toMatchObject({
      name: "openresty-2025+fixes",
      fixes: true,
      assert: false,
      source: { kind: "debian" },
    });
    expect(parseTargetSpec("openresty-2025+assert+fixes").name).toBe("openresty-2025+fixes+assert");
    expect(parseTargetSpec("openresty-2025+fixes+assert")).toMatchObject({
      name: "openresty-2025+fixes+assert",
      fixes: true,
      assert: true,
    });
    expect(withFixes(parseTargetSpec("luajit-2022")).name).toBe("luajit-2022+fixes");
    expect(exitCodeOf(() => parseTargetSpec(`bin:${process.execPath}+fixes`))).toBe(ExitCode.unknownTarget);
  });

  it("knows the +x64 leg of any target, with +fixes and +assert in any order, and names it one way", () => {
    expect(parseTargetSpec("luajit-2026+x64")).toMatchObject({
      name: "luajit-2026+x64",
      arch: "x64",
      fixes: false,
      source: { kind: "archive", commit: "1ee778a4e37122d8ca7d5733c590a47dafd6b15c" },
    });
    expect(parseTargetSpec("openresty-2025+assert+x64+fixes")).toMatchObject({
      name: "openresty-2025+x64+fixes+assert",
      arch: "x64",
      fixes: true,
      assert: true,
    });
    expect(parseTargetSpec("openresty-2025+fixes+x64").name).toBe("openresty-2025+x64+fixes");
    expect(parseTargetSpec("luajit-2022").arch).toBe("arm64");
    expect(withX64(parseTargetSpec("luajit-2026+fixes")).name).toBe("luajit-2026+x64+fixes");
    expect(parseTargetSpec("git:https://example.invalid/LuaJIT.git@v2.1+x64")).toMatchObject({
      arch: "x64",
      source: { kind: "git", rev: "v2.1" },
    });
    expect(exitCodeOf(() => parseTargetSpec(`bin:${process.execPath}+x64`))).toBe(ExitCode.unknownTarget);
  });

  it("knows the +cov variant, combined with the others, and a +fixes build of it is not instrumented", () => {
    expect(parseTargetSpec("luajit-2022+cov")).toMatchObject({ name: "luajit-2022+cov", cov: true, fixes: false });
    expect(parseTargetSpec("luajit-2022", { cov: true }).name).toBe("luajit-2022+cov");
    expect(parseTargetSpec("luajit-2022+assert+cov+fixes")).toMatchObject({
      name: "luajit-2022+fixes+cov+assert",
      cov: true,
      fixes: true,
      assert: true,
    });
    expect(parseTargetSpec("openresty-2025").cov).toBe(false);
    expect(withFixes(parseTargetSpec("luajit-2022+cov+assert"))).toMatchObject({
      name: "luajit-2022+fixes+assert",
      cov: false,
    });
    expect(exitCodeOf(() => parseTargetSpec(`bin:${process.execPath}+cov`))).toBe(ExitCode.unknownTarget);
    // The x86-64 leg of a +cov build is the plain one; +cov instruments arm64 builds only.
    expect(withX64(parseTargetSpec("luajit-2022+cov"))).toMatchObject({ name: "luajit-2022+x64", cov: false });
    expect(exitCodeOf(() => parseTargetSpec("luajit-2022+x64+cov"))).toBe(ExitCode.unknownTarget);
  });

  it("parses git:URL@REV", () => {
    expect(parseTargetSpec("git:https://example.invalid/LuaJIT.git@v2.1").source).toEqual({
      kind: "git",
      url: "https://example.invalid/LuaJIT.git",
      rev: "v2.1",
    });
    expect(exitCodeOf(() => parseTargetSpec("git:https://example.invalid/x"))).toBe(ExitCode.unknownTarget);
  });

  it("rejects unknown names and missing paths with their own codes", () => {
    expect(exitCodeOf(() => parseTargetSpec("luajit-1999"))).toBe(ExitCode.unknownTarget);
    expect(exitCodeOf(() => parseTargetSpec("bin:/nonexistent/luajit"))).toBe(ExitCode.missingFile);
    expect(exitCodeOf(() => parseTargetSpec("dir:/nonexistent/tree"))).toBe(ExitCode.missingFile);
    expect(exitCodeOf(() => parseTargetSpec("dir:/tmp"))).toBe(ExitCode.unknownTarget);
  });
});
