// Which optimization flags a list of -O options leaves on: the oracle needs fuse and dce.
import { describe, expect, it } from "vitest";
import { jitFlagEnabled } from "./jit-options.ts";

describe("jitFlagEnabled", () => {
  it("starts from level 3 and applies options in order", () => {
    expect(jitFlagEnabled(["hotloop=1"], "fuse")).toBe(true);
    expect(jitFlagEnabled(["hotloop=1", "-dce"], "dce")).toBe(false);
    expect(jitFlagEnabled(["hotloop=1", "-dce"], "fuse")).toBe(true);
    expect(jitFlagEnabled(["-fuse"], "fuse")).toBe(false);
    expect(jitFlagEnabled(["-fuse", "+fuse"], "fuse")).toBe(true);
    expect(jitFlagEnabled(["-fuse", "3"], "fuse")).toBe(true);
    expect(jitFlagEnabled(["2"], "fuse")).toBe(false);
    expect(jitFlagEnabled(["1"], "dce")).toBe(true);
    expect(jitFlagEnabled(["0"], "dce")).toBe(false);
    expect(jitFlagEnabled(["0", "fuse"], "fuse")).toBe(true);
    expect(jitFlagEnabled([], "fma")).toBe(false);
  });
});
