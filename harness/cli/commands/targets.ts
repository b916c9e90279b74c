// `ljfuzz targets build [NAME…]` and `ljfuzz targets list [--json]`.
import type { Command } from "commander";
import { CATALOG, ensureTargets, findBuiltTarget, parseTargetSpec } from "../../targets/index.ts";
import { type SetExitCode, stderrLog, targetSpecs } from "../options.ts";

export function registerTargets(program: Command, setExitCode: SetExitCode): void {
  const targets = program.command("targets").description("build and list the LuaJIT builds ljfuzz runs programs on");

  targets
    .command("build")
    .description("build targets (all catalog targets when none is named); installs what the system lacks")
    .argument("[names...]", "catalog names, git:URL@REV, dir:PATH (add +assert for LuaJIT assertions)")
    .option("--assert", "build with LuaJIT's internal assertions on (-DLUA_USE_ASSERT)")
    .option("--force", "rebuild even when the cached build is current")
    .action(async (names: string[], opts: { assert?: boolean; force?: boolean }) => {
      const specs = targetSpecs(names, opts.assert === true);
      for (const target of await ensureTargets(specs, { log: stderrLog, force: opts.force === true })) {
        process.stdout.write(
          `${target.name}\t${target.manifest?.luajitVersion.split(" --")[0] ?? "prebuilt"}\t${target.luajit}\n`,
        );
      }
      setExitCode(0);
    });

  targets
    .command("list")
    .description("list the catalog targets and whether they are built")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const rows = [];
      for (const entry of CATALOG) {
        const target = await findBuiltTarget(parseTargetSpec(entry.name));
        rows.push({
          name: entry.name,
          description: entry.description,
          source: entry.source,
          hasPr1028Fix: entry.hasPr1028Fix,
          built: target !== undefined,
          luajit: target?.luajit ?? null,
          manifest: target?.manifest ?? null,
        });
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else {
        for (const row of rows) {
          process.stdout.write(`${row.name.padEnd(16)} ${row.built ? "built  " : "missing"}  ${row.description}\n`);
        }
      }
      setExitCode(0);
    });
}
