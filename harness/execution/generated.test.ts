/**
 * Generated programs on real LuaJIT builds, through the harness's own
 * execution paths (the batch driver a campaign screens with, and the
 * one-program-per-process runs that confirm): the no-false-alarm guard on
 * the fixed build, and the PR #1028 hunt on the buggy ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  alignOf,
  buildCase,
  type CasePlan,
  computeLayouts,
  fieldOffset,
  type GeneratedCase,
  generateCase,
  type ItemPlan,
  type LuaKind,
  sizeOf,
  structDeclLines,
  structRef,
  type TablePart,
} from "../../generators/index.ts";
import { aarch64Command } from "../targets/index.ts";
import { BUGGY_TARGETS, FIXED_TARGET, target } from "../testing/fixtures.ts";
import { runBatch } from "./batch.ts";
import { runDifferential } from "./differential.ts";
import { runProcess } from "./process.ts";

const dir = mkdtempSync(join(tmpdir(), "ljfuzz-gen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(c: GeneratedCase, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, c.source);
  return path;
}

const SAMPLE: readonly [number, number][] = [1, 2, 3, 4].flatMap((seed) =>
  Array.from({ length: 10 }, (_, i): [number, number] => [seed, i]),
);

describe(`generated cases on ${FIXED_TARGET}`, () => {
  it("JIT on (with each case's options) and off agree on 40 cases, many per process", async () => {
    const t = await target(FIXED_TARGET);
    const cases = SAMPLE.map(([seed, index], i) => {
      const c = generateCase(seed, index);
      return { index: i, path: write(c, `case-${seed}-${index}.lua`), jitOptions: c.jitOptions };
    });
    const [on, off] = await Promise.all([runBatch(t, cases, "on", 120_000), runBatch(t, cases, "off", 120_000)]);
    expect(on.outcome.exitCode, on.outcome.stderr).toBe(0);
    for (const c of cases) {
      const a = on.outputs.get(c.index);
      const b = off.outputs.get(c.index);
      expect(b?.ok, `interpreter failed on ${c.path}: ${b?.error}`).toBe(true);
      expect(b?.output).toMatch(/^h\t-?\d+\nmem\t-?\d+$/);
      expect(a, c.path).toEqual(b);
    }
    expect(on.probe?.traces.length).toBeGreaterThan(40);
  });

  it("gives the same verdict and output alone in a process as in a batch", async () => {
    const t = await target(FIXED_TARGET);
    const cases = SAMPLE.slice(0, 6).map(([seed, index], i) => {
      const c = generateCase(seed, index);
      return { index: i, path: write(c, `alone-${seed}-${index}.lua`), jitOptions: c.jitOptions };
    });
    const batch = await runBatch(t, cases, "on", 60_000);
    for (const c of cases) {
      const alone = await runDifferential(t, c.path, { jitOptions: c.jitOptions, timeoutMs: 20_000, dump: false });
      expect(alone.verdict, c.path).toBe("pass");
      expect(alone.jitOn.stdout.replace(/\n$/, "")).toBe(batch.outputs.get(c.index)?.output);
    }
  });

  it("agrees with LuaJIT on struct layouts", async () => {
    const lines: string[] = [`local ffi = require("ffi")`];
    const expected: string[] = [];
    for (const [seed, index] of SAMPLE) {
      const { program } = generateCase(seed, index);
      const layouts = computeLayouts(program.structs);
      lines.push(`do`);
      for (const s of program.structs) {
        lines.push(`  local S${s.id} = ${structExpression(program.structs, s.id)}`);
        const offs = s.fields.map((f) => `ffi.offsetof(S${s.id}, "${f.name}")`).join(", ");
        lines.push(`  print(ffi.sizeof(S${s.id}), ffi.alignof(S${s.id}), ${offs})`);
        expected.push(
          [
            sizeOf(layouts, structRef(s.id)),
            alignOf(layouts, structRef(s.id)),
            ...s.fields.map((f) => fieldOffset(layouts, s.id, f.name)),
          ].join("\t"),
        );
      }
      lines.push(`end`);
    }
    const path = join(dir, "layouts.lua");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const t = await target(FIXED_TARGET);
    const command = aarch64Command(t.luajit, [path]);
    const r = await runProcess(command.file, command.args, { timeoutMs: 30_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(expected);
  });
});

describe(`Lua tables, upvalues and the GC on ${FIXED_TARGET}`, () => {
  const KINDS: LuaKind[] = ["number", "string", "boolean", "table", "cdata"];
  const PARTS: TablePart[] = ["array", "hash", "field"];
  const e = (pick: number) => ({ tag: "var", pick }) as const;
  const loop = (items: ItemPlan[]): CasePlan["blocks"][number] => ({
    loop: { form: "for", start: 0, count: 80, step: 1 },
    wrap: "none",
    items: [{ tag: "gc", every: 1, size: 0 }, ...items],
  });
  const plan: CasePlan = {
    jitOptions: ["hotloop=1"],
    structs: [],
    buffers: [{ elem: { tag: "scalar", scalar: "uint8_t" }, fill: 3 }],
    anchors: [{ buffer: 0, position: 64, misalign: 0 }],
    helpers: [],
    blocks: [
      ...PARTS.map((part, p) =>
        loop(
          KINDS.map(
            (kind, k): ItemPlan => ({
              tag: "tableSlot",
              table: p + k,
              part,
              kind,
              slot: k,
              key: e(0),
              value: e(1),
              read: e(k),
              erase: k === 4,
            }),
          ),
        ),
      ),
      loop(KINDS.map((kind, k): ItemPlan => ({ tag: "upvalue", cell: k, kind, value: e(0) }))),
    ],
  };

  it("compiles table and upvalue write barriers in hot loops with GC steps, and JIT on and off agree", async () => {
    const c = buildCase(plan);
    const path = write(c, "lua-values.lua");
    const result = await runDifferential(await target(FIXED_TARGET), path, {
      jitOptions: c.jitOptions,
      timeoutMs: 60_000,
      dump: false,
    });
    expect(result.verdict, result.reason).toBe("pass");
    const ops = new Set(result.traces.flatMap((t) => t.ir.map((i) => i.op)));
    for (const op of ["TBAR", "OBAR", "USTORE", "ASTORE", "HSTORE", "TNEW", "CNEWI"]) expect(ops, op).toContain(op);
    expect(c.source).toContain('collectgarbage("step", 0)');
  });
});

/** The `ffi.typeof` expression the printer uses for struct `id`. */
function structExpression(structs: GeneratedCase["program"]["structs"], id: number): string {
  const def = structs.find((s) => s.id === id);
  if (!def) throw new Error(`no S${id}`);
  const line = structDeclLines(def)[0]!;
  return line.slice(line.indexOf("=") + 2);
}

describe("the PR #1028 hunt on the buggy builds", () => {
  for (const name of BUGGY_TARGETS) {
    it(`finds a SIGILL within 40 cases of each of 4 seeds on ${name}`, async () => {
      const t = await target(name);
      for (const seed of [1, 2, 3, 4]) {
        const cases = Array.from({ length: 40 }, (_, index) => {
          const c = generateCase(seed, index);
          return { index, path: write(c, `hunt-${name}-${seed}-${index}.lua`), jitOptions: c.jitOptions };
        });
        const run = await runBatch(t, cases, "on", 120_000);
        expect(run.outcome.signal, `seed ${seed}`).toBe("SIGILL");
        expect(run.unfinished).not.toBeNull();
      }
    });
  }
});
