// Debian's archive moves: a pinned version that is gone must be reported as
// such, naming what the archive has instead (checked against the real lists).
import { describe, expect, it } from "vitest";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { cacheRoot } from "./cache.ts";
import { CATALOG } from "./catalog.ts";
import { fetchDebianSource } from "./debian.ts";
import type { DebianSource } from "./source.ts";

function debianSource(name: string): DebianSource {
  const source = CATALOG.find((e) => e.name === name)!.source;
  if (source.kind !== "debian") throw new Error(`${name} is not built from a Debian source package`);
  return source;
}

describe("fetchDebianSource", () => {
  it("says a pinned version is gone and names the versions the archive has", async () => {
    const real = debianSource("openresty-2025");
    const gone = { ...real, version: "2.1.0+openresty20990101-1" };
    const error = await fetchDebianSource(gone, cacheRoot(), () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LjfuzzError);
    expect((error as LjfuzzError).exitCode).toBe(ExitCode.provision);
    expect((error as LjfuzzError).message).toMatch(
      /luajit=2\.1\.0\+openresty20990101-1 is not in Debian's archive any more .*available: .*2\.1\.0\+openresty20251030-1 \(\w+\)/,
    );
  });

  it("verifies what it downloaded and records where it came from", async () => {
    const pinned = debianSource("openresty-2023");
    const { provenance } = await fetchDebianSource(pinned, cacheRoot(), () => {});
    expect(provenance).toMatchObject({ package: "luajit2", version: "2.1-20230119-1", suite: "bookworm" });
    expect(provenance.files.map((f) => f.name)).toContain("luajit2_2.1-20230119.orig.tar.xz");
    for (const f of provenance.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
