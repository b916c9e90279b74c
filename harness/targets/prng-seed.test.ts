// Pinned addresses, on real builds: the seed patch fits the sources ljfuzz
// builds, a seeded run replays (same -jdump, same machine-code addresses),
// another seed moves the code, and without the seed LuaJIT places its code
// at random as before.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replayDifferences, runDifferential, type TargetResult } from "../execution/index.ts";
import { HEAD_TARGET, headSourceTrees, luaFile, target } from "../testing/fixtures.ts";
import type { Target } from "./build.ts";
import { CATALOG } from "./catalog.ts";
import { addressPinning } from "./host.ts";
import { PRNG_SEED_VARIABLE, patchSeed, SEED_PATCH } from "./prng-seed.ts";

// Two loops, two traces; a table's address is printed, so the heap must stay put too.
const PROGRAM = `local t = {}
local s = 0
for i = 1, 200 do s = s + i end
for i = 1, 200 do t[i] = i * 2 end
print(s, #t, tostring(t))
`;

const options = (prngSeed?: number) => ({ jitOptions: ["hotloop=1"], timeoutMs: 30_000, dump: true, prngSeed });
const entry = (r: TargetResult) => r.traces.map((t) => t.mcode.address);

describe("the PRNG seed patch", () => {
  it("is in every catalog build, recorded in its manifest", async () => {
    for (const { name } of CATALOG) {
      const built = await target(name);
      expect(built.manifest?.replay, name).toEqual({
        kind: "seeded",
        variable: PRNG_SEED_VARIABLE,
        patchSha256: SEED_PATCH.sha256,
      });
      expect(built.replay.kind).toBe("seeded");
    }
  });

  it("fits lj_prng.c as upstream has it, and says so when a tree's does not fit", async () => {
    const { work, other, pristine } = await headSourceTrees("src/lj_prng.c");
    expect(await patchSeed(work)).toMatchObject({ kind: "seeded" });
    expect(readFileSync(join(work, "src", "lj_prng.c"), "utf8")).toContain(`getenv("${PRNG_SEED_VARIABLE}")`);
    // A tree whose seeding code is not upstream's: nothing is patched, and the build will say it replays at random.
    writeFileSync(join(other, "src", "lj_prng.c"), pristine.replace(/lj_prng_seed_secure/g, "seed_from_os"));
    expect(await patchSeed(other)).toMatchObject({
      kind: "random",
      why: expect.stringMatching(/does not apply/),
    });
  });

  it("pins a run: the same seed replays, another moves the code, none places it at random", async () => {
    const head = await target(HEAD_TARGET);
    const file = luaFile(PROGRAM);
    const first = await runDifferential(head, file, options(12345));
    expect(first).toMatchObject({ verdict: "pass", prngSeed: 12345, replay: "pinned" });
    expect(first.traces.length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 2; i++)
      expect(replayDifferences(first, await runDifferential(head, file, options(12345)))).toEqual([]);
    const other = await runDifferential(head, file, options(54321));
    expect(entry(other)).not.toEqual(entry(first));
    // The default seed is the program's own: the same file, the same seed.
    const byFile = await runDifferential(head, file, options());
    expect(byFile.prngSeed).toBe((await runDifferential(head, file, options())).prngSeed);
    // Unpinned: the build as one that cannot read the seed. Four runs, four draws of the OS's entropy.
    const unpinned: Target = { ...head, replay: { kind: "random", why: "test" } };
    const addresses = new Set<string>();
    for (let i = 0; i < 4; i++) addresses.add(entry(await runDifferential(unpinned, file, options(12345))).join());
    expect(addresses.size).toBeGreaterThan(1);
  });

  it("pins a native x86-64 run too, heap included where the host lets setarch -R turn ASLR off", async () => {
    const x64 = await target(`${HEAD_TARGET}+x64`);
    const file = luaFile(PROGRAM);
    const first = await runDifferential(x64, file, options(777));
    expect(first.replay).toBe(addressPinning() === null ? "code-pinned" : "pinned");
    const again = await runDifferential(x64, file, options(777));
    // Without setarch -R the heap moves: the table's address in the output and the dump may differ, the code may not.
    const allowed = addressPinning() === null ? ["output", "dump"] : [];
    expect(replayDifferences(first, again).filter((d) => !allowed.includes(d))).toEqual([]);
  });
});
