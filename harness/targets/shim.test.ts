// The seed shim for dynamic `bin:` targets, on the real toolchain and qemu:
// a dynamic aarch64 program that seeds itself as LuaJIT does
// (syscall(SYS_getrandom)) gets the bytes of the seed when the shim is
// preloaded with LJFUZZ_PRNG_SEED set, and the system's entropy without it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it, onTestFinished } from "vitest";
import { target } from "../testing/fixtures.ts";
import { isDynamicExecutable } from "./elf.ts";
import { commandFor, compilerFor, sysrootFor } from "./host.ts";
import { PRNG_SEED_VARIABLE } from "./prng-seed.ts";
import { ensureSeedShim } from "./shim.ts";

const SEEDS_ITSELF = `#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  uint64_t u[4];
  long n = syscall(SYS_getrandom, u, sizeof u, 0);
  printf("%ld %016llx %016llx\\n", n, (unsigned long long)u[0], (unsigned long long)u[3]);
  return 0;
}
`;

describe("the seed shim", () => {
  it("answers a dynamic aarch64 program's getrandom from LJFUZZ_PRNG_SEED, and passes it through unset", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ljfuzz-shim-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "seeds.c"), SEEDS_ITSELF);
    const program = join(dir, "seeds");
    await execa(compilerFor("arm64"), ["-O2", "-o", program, join(dir, "seeds.c")]);
    expect(isDynamicExecutable(program)).toBe(true);
    const library = await ensureSeedShim("arm64");
    const run = async (env: Record<string, string>) => {
      const command = commandFor(program, "arm64", [], sysrootFor("arm64"));
      return (await execa(command.file, command.args, { env: { LD_PRELOAD: library, ...env } })).stdout;
    };
    const five = await run({ [PRNG_SEED_VARIABLE]: "5" });
    // SplitMix64 from 5, the words the seed patch puts in LuaJIT's state.
    expect(five).toBe("32 63033b0ca389c35a 196e4ec2da05b945");
    expect(await run({ [PRNG_SEED_VARIABLE]: "5" })).toBe(five);
    expect(await run({ [PRNG_SEED_VARIABLE]: "6" })).not.toBe(five);
    const unset = [await run({}), await run({})];
    expect(unset[0]).toMatch(/^32 /);
    expect(unset[0]).not.toBe(unset[1]);
  });

  it("is for dynamic executables only: a static build has no loader to preload it", async () => {
    expect(isDynamicExecutable(process.execPath)).toBe(true);
    expect(isDynamicExecutable((await target("openresty-2025")).luajit)).toBe(false);
  });
});
