import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// Tests run real LuaJIT builds under qemu: they are slow per case, and the
// machine has two cores, so files run in parallel but each test gets time.
export default defineConfig({
  plugins: [
    {
      // Its published source maps name sources it does not publish: Vite warns of each.
      name: "workflow-parser-without-source-maps",
      load: (id) =>
        id.includes("/@actions/workflow-parser/dist/") && id.endsWith(".js")
          ? readFileSync(id, "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, "")
          : undefined,
    },
  ],
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
    // @actions/workflow-parser imports its schema JSON without `with { type: "json" }`,
    // which Node 20 refuses: let Vite load it (tsx does the same for the CLI).
    server: { deps: { inline: ["@actions/workflow-parser"] } },
    pool: "forks",
    poolOptions: { forks: { maxForks: 2 } },
  },
});
