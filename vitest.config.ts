import { defineConfig } from "vitest/config";

// Tests run real LuaJIT builds under qemu: they are slow per case, and the
// machine has two cores, so files run in parallel but each test gets time.
export default defineConfig({
  test: {
    include: [
      ".github/**/*.test.ts",
      "harness/**/*.test.ts",
      "generators/**/*.test.ts",
      "oracle/**/*.test.ts",
      "corpus/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2 } },
  },
});
