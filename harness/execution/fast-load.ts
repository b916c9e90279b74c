// Bytecode for the Lua that ljfuzz loads into every LuaJIT process (the
// probe, the batch driver, the build's jit/*.lua modules). Under qemu,
// LuaJIT's parser is slow to start: parsing probe.lua and jit/vmdef.lua cost
// more than starting LuaJIT itself. Each target compiles them once, with
// string.dump, into a folder keyed by the scripts' and the binary's hashes.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PROBE_SCRIPTS } from "../probe/index.ts";
import { cacheRoot, type Target, targetCommand } from "../targets/index.ts";
import { seedEnvironment } from "./prng-seed.ts";
import { runProcess } from "./process.ts";

const SCRIPTS = {
  probe: PROBE_SCRIPTS.probe,
  batch: fileURLToPath(new URL("./batch.lua", import.meta.url)),
};
/**
 * ljfuzz's own Lua, each compiled under its file name: a probe finds its
 * recorder beside it (the recorder is loaded by the probe, not by us).
 */
const OWN_SCRIPTS: ReadonlyArray<readonly [string, string]> = [
  [SCRIPTS.probe, "probe.lua"],
  [PROBE_SCRIPTS.recorder, "probe-record.lua"],
  [SCRIPTS.batch, "batch.lua"],
];

/**
 * The compiling process runs at a fixed PRNG seed. string.dump writes a
 * table constructor's string keys in the order of the compiling process's
 * hash table, and LuaJIT seeds its string hash from the PRNG: compiled at
 * random seeds, jit/vmdef.lua came out different each time (1,206 bytes of
 * 7,133 differed between two compiles), and every run that loads it starts
 * with its tables' keys in another order: a run at a pinned seed was the same
 * run only on the machine that compiled its bytecode. Builds that do not read the seed compile as before.
 */
const COMPILE_SEED = 1;
/** Bumped when the way the bytecode is made changes. */
const BYTECODE_RECIPE = 2;

export interface LoadPaths {
  readonly probe: string;
  readonly batch: string;
  /** LUA_PATH entry for the build's jit.* modules, or "" without them. */
  readonly luaPath: string;
}

const memo = new Map<string, Promise<LoadPaths>>();

export function fastLoad(target: Target): Promise<LoadPaths> {
  let paths = memo.get(target.luajit);
  if (!paths) {
    paths = compile(target);
    memo.set(target.luajit, paths);
  }
  return paths;
}

function sourcePaths(target: Target): LoadPaths {
  return { ...SCRIPTS, luaPath: target.luaDir ? `${join(target.luaDir, "?.lua")};` : "" };
}

async function compile(target: Target): Promise<LoadPaths> {
  const hash = createHash("sha256");
  // The recipe first: bytecode made another way is made again.
  hash.update(`recipe ${BYTECODE_RECIPE}\n`);
  for (const [script] of OWN_SCRIPTS) hash.update(readFileSync(script));
  const binary = statSync(target.luajit);
  hash.update(target.manifest?.binarySha256 ?? `${target.luajit}:${binary.size}:${binary.mtimeMs}`);
  const dir = join(cacheRoot(), "bytecode", hash.digest("hex").slice(0, 16));
  // The sources stay on the path after the bytecode: a module that did not
  // compile (some builds ship jit/dis_*.lua that do not even parse) still loads.
  const paths: LoadPaths = {
    probe: join(dir, "probe.lua"),
    batch: join(dir, "batch.lua"),
    luaPath: target.luaDir ? `${join(dir, "?.lua")};${join(target.luaDir, "?.lua")};` : "",
  };
  if (existsSync(join(dir, "done"))) return paths;

  const pairs: Array<readonly [string, string]> = [...OWN_SCRIPTS];
  if (target.luaDir) {
    for (const name of readdirSync(join(target.luaDir, "jit")))
      if (name.endsWith(".lua")) pairs.push([join(target.luaDir, "jit", name), join("jit", name)]);
  }
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "jit"), { recursive: true });
  // One LuaJIT process compiles them all, reading its work list from stdin.
  const list = pairs.map(([from, to]) => `{${JSON.stringify(from)}, ${JSON.stringify(join(work, to))}}`).join(",\n");
  const lua = `for _, p in ipairs({${list}}) do
  local f = loadfile(p[1])
  if f then
    local out = assert(io.open(p[2], "wb"))
    out:write(string.dump(f, true))
    out:close()
  end
end
`;
  const command = targetCommand(target, ["-"]);
  const outcome = await runProcess(command.file, command.args, {
    timeoutMs: 60_000,
    input: lua,
    env: seedEnvironment(target, COMPILE_SEED),
  });
  if (outcome.exitCode !== 0 || !OWN_SCRIPTS.every(([, name]) => existsSync(join(work, name)))) {
    // Without bytecode everything still works, only slower.
    rmSync(work, { recursive: true, force: true });
    return sourcePaths(target);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, ".."), { recursive: true });
  renameSync(work, dir);
  mkdirSync(join(dir, "done"));
  return paths;
}
