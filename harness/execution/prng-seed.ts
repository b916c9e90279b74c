// The PRNG seed a run is pinned to (targets/prng-seed.ts patches the builds
// to read it). A program's seed comes from its own bytes, so the same file
// replays with the same seed wherever it is run, with no flag; `run
// --prng-seed N` picks another. Both runs of a pair get it: the JIT-off run
// then hashes strings as the JIT-on run does.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { addressPinning, isNative, PRNG_SEED_VARIABLE, type Target } from "../targets/index.ts";

/** A seed: a non-negative integer below 2^48 (exact in JSON, whatever reads it). */
export type PrngSeed = number;

const SEED_BITS = 48;

/** The seed of a program: the first 48 bits of the SHA-256 of its bytes. */
export function programSeed(path: string): PrngSeed {
  return seedOf(readFileSync(path));
}

/** The seed of any bytes (a batch's list of programs, say). */
export function seedOf(bytes: string | Buffer): PrngSeed {
  return Number.parseInt(
    createHash("sha256")
      .update(bytes)
      .digest("hex")
      .slice(0, SEED_BITS / 4),
    16,
  );
}

/** A seed as typed on the command line, checked. */
export function parsePrngSeed(text: string): PrngSeed {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n >= 2 ** SEED_BITS)
    throw new LjfuzzError(ExitCode.usage, `a PRNG seed is an integer from 0 to 2^${SEED_BITS}-1, not '${text}'`);
  return n;
}

/**
 * How far a run replays: `pinned`, the code and the heap at the same
 * addresses every time; `code-pinned`, the code only (a native run where the
 * host forbids turning address randomization off); `random`, neither (the
 * build does not read the seed).
 */
export type RunReplay = "pinned" | "code-pinned" | "random";

export function runReplay(target: Pick<Target, "replay" | "spec">): RunReplay {
  if (target.replay.kind === "random") return "random";
  return isNative(target.spec.arch) && addressPinning() === null ? "code-pinned" : "pinned";
}

/** The environment that pins a run of `target` to `seed`; nothing for a build that cannot be pinned. */
export function seedEnvironment(target: Pick<Target, "replay">, seed: PrngSeed): Record<string, string> {
  if (target.replay.kind === "random") return {};
  const pinned = { [PRNG_SEED_VARIABLE]: String(seed) };
  return target.replay.kind === "shim" ? { ...pinned, LD_PRELOAD: target.replay.library } : pinned;
}
