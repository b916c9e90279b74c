// The preloaded seed shim (shim/prng-seed-shim.c) for `bin:` targets: a
// LuaJIT ljfuzz did not build has no seed patch, but a dynamic one calls
// into libc for its entropy, and LD_PRELOAD can answer from the seed. Built
// once per architecture (and per version of its source) into the cache.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { cacheRoot, withLock } from "./cache.ts";
import { compilerFor } from "./host.ts";
import type { TargetArch } from "./source.ts";

const SOURCE = fileURLToPath(new URL("./shim/prng-seed-shim.c", import.meta.url));

export async function ensureSeedShim(arch: TargetArch): Promise<string> {
  const hash = createHash("sha256").update(readFileSync(SOURCE)).digest("hex").slice(0, 12);
  const dir = join(cacheRoot(), "shims");
  const library = join(dir, `prng-seed-${arch}-${hash}.so`);
  if (existsSync(library)) return library;
  mkdirSync(dir, { recursive: true });
  return withLock(`${library}.lock`, async () => {
    if (existsSync(library)) return library;
    const cc = compilerFor(arch);
    const result = await execa(cc, ["-shared", "-fPIC", "-O2", "-o", `${library}.tmp`, SOURCE, "-ldl"], {
      reject: false,
      all: true,
    });
    if (result.exitCode !== 0)
      throw new LjfuzzError(ExitCode.provision, `building the PRNG seed shim with ${cc} failed`, result.all);
    renameSync(`${library}.tmp`, library);
    return library;
  });
}
