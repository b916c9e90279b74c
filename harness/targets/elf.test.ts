import { describe, expect, it } from "vitest";
import { target } from "../testing/fixtures.ts";
import { checkAarch64Executable } from "./elf.ts";

describe("checkAarch64Executable", () => {
  it("accepts a built aarch64 luajit", async () => {
    const t = await target("openresty-2025");
    expect(checkAarch64Executable(t.luajit)).toEqual({ ok: true });
  });

  it("rejects the host's own binaries and non-ELF files", () => {
    const host = checkAarch64Executable(process.execPath);
    if (process.arch !== "arm64")
      expect(host).toMatchObject({ ok: false, why: expect.stringMatching(/x86-64|not aarch64/) });
    expect(checkAarch64Executable(new URL(import.meta.url).pathname)).toEqual({
      ok: false,
      why: "not an ELF executable",
    });
  });
});
