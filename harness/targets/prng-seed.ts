// Pinned addresses: LuaJIT seeds its PRNG from the system's entropy
// (lj_prng.c, getrandom), and that PRNG places the machine code, seeds the
// string hash and randomizes trace penalties, so no two runs are alike.
// Every build ljfuzz makes carries a small patch to the seeding path:
// LJFUZZ_PRNG_SEED=N in the environment seeds it from N instead (unset, the
// build behaves as upstream's). A run given the same seed replays: same
// verdict, same -jdump, same machine-code addresses (scripts/replay.ts
// measures it). Builds whose lj_prng.c the patch does not fit replay at random,
// and say so.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyPatch, type FixPatch, patchApplies } from "./fixes.ts";

export const PRNG_SEED_VARIABLE = "LJFUZZ_PRNG_SEED";

const PATCH_PATH = fileURLToPath(new URL("./patches/prng-seed.patch", import.meta.url));

export const SEED_PATCH: FixPatch = {
  id: "prng-seed",
  path: PATCH_PATH,
  sha256: createHash("sha256").update(readFileSync(PATCH_PATH)).digest("hex"),
};

/** How a build's runs can be replayed, as its manifest records it. */
export type ReplaySupport =
  /** The seed patch is in: LJFUZZ_PRNG_SEED pins the PRNG. */
  | { readonly kind: "seeded"; readonly variable: string; readonly patchSha256: string }
  /** A dynamic `bin:` target: the preloaded shim (shim.ts) answers LuaJIT's entropy calls from the seed. */
  | { readonly kind: "shim"; readonly variable: string; readonly library: string }
  /** Nothing pins it: every run places its code anew. */
  | { readonly kind: "random"; readonly why: string };

/** Applies the seed patch to a LuaJIT tree when it fits; says what the build can replay. */
export async function patchSeed(tree: string): Promise<ReplaySupport> {
  if (!(await patchApplies(tree, SEED_PATCH)))
    return { kind: "random", why: "the PRNG seed patch does not apply to this tree's src/lj_prng.c" };
  await applyPatch(tree, SEED_PATCH);
  return { kind: "seeded", variable: PRNG_SEED_VARIABLE, patchSha256: SEED_PATCH.sha256 };
}
