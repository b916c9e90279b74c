// What generated programs make the JIT compile, counted from the probe's
// traces of a batch of cases: the share of cases whose traces hold a table
// or upvalue write barrier (TBAR, OBAR), an allocation, each kind of store,
// and A64 loads/stores at an end of their immediate form's range; the
// distinct (form, size, offset class) shapes reached; and whether JIT on and
// off agreed.
//   npx tsx scripts/trace-shapes.ts [--target T] [--cases 500] [--seed 1] [--json]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import pLimit from "p-limit";
import { generateCase } from "../generators/index.ts";
import { type BatchCase, runBatch } from "../harness/execution/index.ts";
import { ensureTarget, parseTargetSpec } from "../harness/targets/index.ts";
import { decode } from "../oracle/a64/index.ts";
import type { TraceRecord } from "../oracle/trace/index.ts";

const options = new Command("trace-shapes")
  .option("--target <name>", "the target", "openresty-2025")
  .option("--cases <n>", "generated cases", "500")
  .option("--seed <n>", "campaign seed", "1")
  .option("--batch <n>", "cases per LuaJIT process", "50")
  .option("--json", "print JSON")
  .parse(process.argv)
  .opts<{ target: string; cases: string; seed: string; batch: string; json?: boolean }>();

/** IR ops whose presence in a case's traces is counted. */
const IR_FEATURES: Record<string, readonly string[]> = {
  tbar: ["TBAR"],
  obar: ["OBAR"],
  allocation: ["TNEW", "TDUP", "CNEW", "CNEWI", "SNEW", "BUFSTR"],
  astore: ["ASTORE"],
  hstore: ["HSTORE"],
  ustore: ["USTORE"],
  xstore: ["XSTORE"],
};

type Form = "scaled" | "unscaled" | "pair" | "register";

/** The immediate range of each form for an access of `size` bytes. */
const RANGE: Record<Exclude<Form, "register">, (size: number) => [number, number]> = {
  scaled: (size) => [0, 4095 * size],
  unscaled: () => [-256, 255],
  pair: (size) => [-64 * size, 63 * size],
};

/** `ldr w1, [x2, #8]` → its form, access size and offset (null for what is no base+offset load/store). */
function loadStoreShape(text: string): { form: Form; size: number; offset: number } | null {
  const m =
    /^(ldp|stp|ldpsw|ldr|str|ldur|stur)(sb|sh|sw|b|h)? ([wxsdq])\d+, (?:[wxsdq]\d+, )?\[(?:x\d+|sp)(, #-?\d+|, [wx]\d+[^\]]*)?\]$/.exec(
      text,
    );
  if (!m) return null;
  const [, op, suffix, reg, operand] = m;
  const SIZES: Record<string, number> = { b: 1, sb: 1, h: 2, sh: 2, sw: 4, w: 4, s: 4, x: 8, d: 8, q: 16 };
  const size = SIZES[suffix ?? reg!]!;
  if (operand && !operand.startsWith(", #")) return { form: "register", size, offset: 0 };
  const form: Form =
    op === "ldp" || op === "stp" || op === "ldpsw" ? "pair" : op!.endsWith("ur") ? "unscaled" : "scaled";
  return { form, size, offset: operand ? Number(operand.slice(3)) : 0 };
}

/** Where an offset sits in its form's range: at an end, one step from it, or inside. */
function offsetClass(form: Exclude<Form, "register">, size: number, offset: number): string {
  const [lo, hi] = RANGE[form](size);
  const scale = form === "unscaled" ? 1 : size;
  // Offset 0 is every plain [xN] access, not an edge worth telling apart.
  if (offset === 0) return "zero";
  if (offset === lo) return "low-end";
  if (offset === hi) return "high-end";
  if (offset === lo + scale) return "low-inside";
  if (offset === hi - scale) return "high-inside";
  return offset < 0 ? "negative" : "inside";
}

function caseShapes(traces: readonly TraceRecord[]): { ir: Set<string>; forms: Set<string>; boundary: boolean } {
  const ir = new Set<string>();
  // A root trace that loops back: the hot loop compiled as a loop, not only pieces of it.
  if (traces.some((t) => t.parent === null && t.linkType === "loop")) ir.add("loopTrace");
  const forms = new Set<string>();
  let boundary = false;
  for (const t of traces) {
    for (const ins of t.ir)
      for (const [name, ops] of Object.entries(IR_FEATURES)) if (ops.includes(ins.op)) ir.add(name);
    const hex = t.mcode.hex;
    for (let i = 0; i + 8 <= hex.length; i += 8) {
      const word = Number.parseInt(
        hex.slice(i + 6, i + 8) + hex.slice(i + 4, i + 6) + hex.slice(i + 2, i + 4) + hex.slice(i, i + 2),
        16,
      );
      const d = decode(word, t.mcode.address + i / 2);
      if (d.status !== "valid") continue;
      const shape = loadStoreShape(d.text);
      if (!shape || shape.form === "register") continue;
      const cls = offsetClass(shape.form, shape.size, shape.offset);
      forms.add(`${shape.form}/${shape.size}/${cls}`);
      if (cls.endsWith("-end")) boundary = true;
    }
  }
  return { ir, forms, boundary };
}

const target = await ensureTarget(parseTargetSpec(options.target));
const dir = mkdtempSync(join(tmpdir(), "ljfuzz-shapes-"));
const count = Number(options.cases);
const cases: BatchCase[] = Array.from({ length: count }, (_, index) => {
  const c = generateCase(Number(options.seed), index);
  const path = join(dir, `case-${index}.lua`);
  writeFileSync(path, c.source);
  return { index, path, jitOptions: c.jitOptions };
});

const perCase = new Map<number, ReturnType<typeof caseShapes>>();
const aborts = new Map<string, number>();
let disagreements = 0;
let crashed = 0;
const limit = pLimit(availableParallelism());
const size = Number(options.batch);
const batches: BatchCase[][] = [];
for (let i = 0; i < cases.length; i += size) batches.push(cases.slice(i, i + size));
await Promise.all(
  batches.map((batch) =>
    limit(async () => {
      let rest = batch;
      while (rest.length > 0) {
        const [on, off] = await Promise.all([
          runBatch(target, rest, "on", 300_000),
          runBatch(target, rest, "off", 300_000),
        ]);
        for (const a of on.probe?.aborts ?? []) {
          const reason = a.reason.replace(/ at .*$/, "").replace(/\d+/g, "N");
          aborts.set(reason, (aborts.get(reason) ?? 0) + 1);
        }
        const traces = new Map<number, TraceRecord[]>();
        for (const t of on.probe?.traces ?? [])
          if (t.caseIndex !== undefined) traces.set(t.caseIndex, [...(traces.get(t.caseIndex) ?? []), t]);
        for (const c of rest) {
          const a = on.outputs.get(c.index);
          if (!a) break;
          perCase.set(c.index, caseShapes(traces.get(c.index) ?? []));
          if (JSON.stringify(a) !== JSON.stringify(off.outputs.get(c.index))) disagreements++;
        }
        if (on.unfinished === null) break;
        // A case that killed the JIT-on process: counted, and the batch goes on after it.
        crashed++;
        perCase.set(on.unfinished, caseShapes(traces.get(on.unfinished) ?? []));
        rest = rest.filter((c) => c.index > on.unfinished!);
      }
    }),
  ),
);
rmSync(dir, { recursive: true, force: true });

const FEATURES = ["loopTrace", ...Object.keys(IR_FEATURES)];
const share = (n: number) => Math.round((1000 * n) / perCase.size) / 10;
const ir = Object.fromEntries(
  FEATURES.map((name) => [name, share([...perCase.values()].filter((c) => c.ir.has(name)).length)]),
);
const allForms = new Set<string>();
for (const c of perCase.values()) for (const f of c.forms) allForms.add(f);
const boundaryShapes = [...allForms].filter((f) => f.endsWith("-end")).sort();
const result = {
  target: options.target,
  seed: Number(options.seed),
  cases: perCase.size,
  percentOfCases: { ...ir, boundaryAccess: share([...perCase.values()].filter((c) => c.boundary).length) },
  distinctShapes: allForms.size,
  boundaryShapes,
  topAborts: Object.fromEntries([...aborts].sort((a, b) => b[1] - a[1]).slice(0, 6)),
  disagreements,
  crashed,
};
if (options.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`${result.cases} cases on ${result.target} (seed ${result.seed}); % of cases whose traces hold:`);
  for (const [k, v] of Object.entries(result.percentOfCases)) console.log(`  ${k.padEnd(14)} ${v}%`);
  console.log(`distinct (form/size/offset class) load/store shapes: ${result.distinctShapes}`);
  console.log(`shapes at an end of their range (${boundaryShapes.length}): ${boundaryShapes.join(" ")}`);
  console.log(`most frequent trace aborts: ${JSON.stringify(result.topAborts)}`);
  console.log(`JIT on/off disagreements: ${disagreements}, JIT-on processes that died: ${crashed}`);
}
