// The probe's two encodings: lean mode's compact lines must read back as the
// same records as JSON lines. On a real build, through the batch driver (case
// markers, flushes), with LJFUZZ_PROBE_FORMAT=json forcing JSON in lean mode.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import type { IrConstant, TraceRecord } from "../../oracle/trace/index.ts";
import { fastLoad, runMode, runProcess } from "../execution/index.ts";
import { aarch64Command, PRNG_SEED_VARIABLE, type Target, TRACE_RAW_PATCH } from "../targets/index.ts";
import { FIXED_TARGET, luaFile, PR1028_CASE, target } from "../testing/fixtures.ts";
import { batchProbeEnvironment } from "./environment.ts";
import { type ProbeLog, parseProbeLog } from "./probe-log.ts";

// Odd bytes in string constants, special numbers, int64 and pointer cdata,
// FLOAD/CALL literals, a side trace. No global or string-keyed lookups in the
// loop: hash slots (KSLOT, and so code size) vary between processes, and the
// two encodings come from two runs.
const PROGRAM = `local ffi = require("ffi")
local floor, byte, find, tostring = math.floor, string.byte, string.find, tostring
local buf = ffi.new("int[10]")
local acc, n64 = 0, 0LL
local strs = {}
-- An immutable upvalue is a constant to the recorder: these fold to KNUMs.
local zero, nz = 0.0, math.ceil(-0.5)
local function odd(x) return x * nz + x * (zero / zero) + x * (1 / zero) + x * (-1 / zero) end
for i = 1, 300 do
  local s = "k\\n \\"\\\\\\233%x\\0" .. (i % 7)
  strs[#strs + 1] = #s + #tostring(i)
  local x = i * 0.1
  acc = acc + 2^60 / x + (odd(x) == 1 and 1 or 0)
  n64 = n64 + 0x123456789LL
  buf[i % 10] = i
  if i > 150 then acc = acc + floor(x) + byte(s, 2) + find(s, "%", 1, true) end
end
print(#strs, tostring(n64), acc)
`;

/** Runs batch.lua with the probe in lean mode, as runBatch does, in the given format. */
async function leanProbe(
  t: Target,
  programs: readonly string[],
  format: "compact" | "json",
  /** LJFUZZ_PROBE_RAW: "0" reads traces one IR instruction at a time, "both" writes each trace both ways. */
  raw?: "0" | "both",
  prngSeed?: number,
): Promise<{ text: string; log: ProbeLog }> {
  const load = await fastLoad(t);
  const list = luaFile(programs.map((p, i) => `${i}\thotloop=1\t${p}\n`).join(""), "cases.tsv");
  const probeOut = join(dirname(list), "probe.out");
  const env: Record<string, string> = {
    LJFUZZ_BATCH: list,
    LJFUZZ_RESULTS: join(dirname(list), "results.txt"),
    LUA_PATH: `${load.luaPath};`,
    ...batchProbeEnvironment({ probe: load.probe, out: probeOut }),
  };
  if (format === "json") env.LJFUZZ_PROBE_FORMAT = "json";
  if (raw) env.LJFUZZ_PROBE_RAW = raw;
  if (prngSeed !== undefined) env[PRNG_SEED_VARIABLE] = String(prngSeed);
  const command = aarch64Command(t.luajit, [load.batch]);
  const outcome = await runProcess(command.file, command.args, { env, timeoutMs: 60_000 });
  expect(outcome.exitCode).toBe(0);
  const text = readFileSync(probeOut, "latin1");
  return { text, log: parseProbeLog(text) };
}

const POINTER_TYPES = new Set(["p32", "p64", "lud"]);

/** What must not depend on where things landed in memory. */
function portable(trace: TraceRecord): object {
  const constant = (k: IrConstant): IrConstant => ({
    ...k,
    value: POINTER_TYPES.has(k.type)
      ? "pointer"
      : typeof k.value === "string"
        ? k.value.replace(/0x[0-9a-f]+/g, "0x?")
        : k.value,
  });
  const { mcode, exitStubs, constants, ...rest } = trace;
  return {
    ...rest,
    constants: constants.map(constant),
    mcodeBytes: mcode.hex.length / 2,
    loop: mcode.loop,
    exits: exitStubs.length,
  };
}

describe("probe lean mode on a real build", () => {
  it("compact lines read back as the JSON records", async () => {
    const t = await target(FIXED_TARGET);
    const programs = [luaFile(PROGRAM), PR1028_CASE];
    // Traces read one instruction at a time: jit.util.traceraw's records are compared with these below.
    let seed = 1;
    const pair = () => {
      seed++;
      return Promise.all([leanProbe(t, programs, "compact", "0", seed), leanProbe(t, programs, "json", "0", seed)]);
    };
    let [compact, json] = await pair();
    // Two processes: each pair shares a PRNG seed, so the code lands at the
    // same addresses (unpinned, a constant's distance from it needed another
    // instruction in 1 pair of 6 or so), but the two formats allocate
    // differently, so a heap address can still make a trace differ. A wrong
    // encoding differs every time; a layout, seldom twice running.
    for (
      let retry = 0;
      retry < 2 && !isDeepStrictEqual(compact.log.traces.map(portable), json.log.traces.map(portable));
      retry++
    ) {
      [compact, json] = await pair();
    }
    expect(compact.text.startsWith("hello ")).toBe(true);
    expect(json.text.startsWith("{")).toBe(true);
    // Read as utf8, the raw machine code no longer frames: unreadable, not wrong.
    const misread = parseProbeLog(Buffer.from(compact.text, "latin1").toString("utf8"));
    expect(misread.traces).toEqual([]);
    expect(misread.unreadable).toBeGreaterThanOrEqual(compact.log.traces.length);
    for (const log of [compact.log, json.log]) {
      expect(log.unreadable).toBe(0);
      expect(log.version).toMatch(/^LuaJIT /);
      expect(log.flushes).toBeGreaterThanOrEqual(2);
    }
    expect(compact.log.flushes).toBe(json.log.flushes);
    expect(compact.log.aborts).toEqual(json.log.aborts);
    expect(compact.log.traces.length).toBeGreaterThan(2);
    expect(compact.log.traces.map(portable)).toEqual(json.log.traces.map(portable));
    // The program covers what the compact encoding has to get right.
    const all = compact.log.traces;
    expect(all.some((tr) => tr.parent !== null)).toBe(true);
    expect(new Set(all.map((tr) => tr.caseIndex))).toEqual(new Set([0, 1]));
    const values = all.flatMap((tr) => tr.constants.map((k) => k.value));
    for (const special of ["-0", "nan", "inf", "-inf"]) expect(values).toContain(special);
    expect(values).toContain('str:k\n "\\\xe9%x\0');
    expect(values.some((v) => typeof v === "string" && /^cdata:\d+LL$/.test(v))).toBe(true);
    const lits = new Set(all.flatMap((tr) => tr.ir.map((ins) => ins.lit)));
    expect(lits).toContain("str.len");
    expect([...lits].some((l) => l?.startsWith("lj_"))).toBe(true);
    // Addresses too, apart from the run they come from: each stub lies near its trace.
    for (const tr of all) {
      expect(tr.mcode.address).toBeGreaterThan(0);
      for (const a of tr.exitStubs) expect(Math.abs(a - tr.mcode.address)).toBeLessThan(1 << 24);
    }
  });
});

describe("jit.util.traceline and traceraw on a real build", () => {
  it("gives the records traceir and tracek give, in the same process", async () => {
    const t = await target(FIXED_TARGET);
    expect(t.manifest?.traceRaw).toEqual({ patchSha256: TRACE_RAW_PATCH.sha256 });
    // Each trace written both ways, the raw line first: same trace, same moment, same memory.
    const { text, log } = await leanProbe(t, [luaFile(PROGRAM), PR1028_CASE], "compact", "both");
    expect(text).toMatch(/^irmode [01] \d+ /m);
    expect(log.unreadable).toBe(0);
    const records = log.traces;
    expect(records.length).toBeGreaterThan(4);
    expect(records.length % 2).toBe(0);
    let gcObjects = 0;
    for (let i = 0; i < records.length; i += 2) {
      const [raw, slow] = [records[i]!, records[i + 1]!];
      // A GC object's text (a string's contents, a function's name) is not in the IR's bytes: its type and address stand for it.
      const constants = slow.constants.map((k, j) => {
        const rawValue = raw.constants[j]?.value;
        if (typeof rawValue !== "string" || !rawValue.startsWith("gc:")) return k;
        gcObjects++;
        expect(rawValue).toMatch(new RegExp(`^gc:${k.type}:0x[0-9a-f]+$`));
        return { ...k, value: rawValue };
      });
      expect(raw).toEqual({ ...slow, constants });
    }
    expect(gcObjects).toBeGreaterThan(0);
    // A default lean run takes the raw path.
    expect((await leanProbe(t, [PR1028_CASE], "compact")).text).toMatch(/^traceraw /m);
  });
});

describe("the probe in a JIT-on run, on a real build", () => {
  it("sets up its recorder at the first trace: a program that compiles none pays for none of it", async () => {
    const t = await target(FIXED_TARGET);
    const run = (source: string) =>
      runMode(t, luaFile(source), { mode: "on", jitOptions: ["hotloop=1"], timeoutMs: 30_000, dump: false });
    const none = await run("print(1)\n");
    expect(none.outcome.stdout).toBe("1\n");
    // Not even its file: the first trace event opens it.
    expect(none.probe).toBeNull();
    // Loaded inside the first trace's start event, the recorder must not abort that trace.
    const loop = await run("local x = 0\nfor i = 1, 100 do x = x + i end\nprint(x)\n");
    expect(loop.outcome.stdout).toBe("5050\n");
    expect(loop.probe!.version).toMatch(/^LuaJIT /);
    expect(loop.probe!.aborts).toEqual([]);
    expect(loop.probe!.traces.map((tr) => [tr.trace, tr.linkType, tr.bytecode.map((b) => b.op)])).toEqual([
      [1, "loop", ["ADDVV", "FORL"]],
    ]);
    // A binary with no jit/ folder beside it has no names to load: the trace must not abort for it.
    const alone = join(mkdtempSync(join(tmpdir(), "ljfuzz-bin-")), "luajit");
    copyFileSync(t.luajit, alone);
    const bare = await runMode(
      await target(`bin:${alone}`),
      luaFile("local x = 0\nfor i = 1, 100 do x = x + i end\nprint(x)\n"),
      { mode: "on", jitOptions: ["hotloop=1"], timeoutMs: 30_000, dump: false },
    );
    expect(bare.probe!.aborts).toEqual([]);
    expect(bare.probe!.traces.map((tr) => [tr.trace, tr.bytecode.map((b) => b.op)])).toEqual([
      [1, [undefined, undefined]],
    ]);
    rmSync(dirname(alone), { recursive: true, force: true });
  });

  it("records a trace that calls a plain C function (require), with nothing on stderr", async () => {
    // Found by a campaign on luajit-2026: funcbc on require raised inside the
    // recorder, whose "VM handler failed" on stderr made a JIT-on/off mismatch.
    const t = await target(FIXED_TARGET);
    const run = await runMode(
      t,
      luaFile('local s = 0\nfor i = 1, 50 do s = s + tonumber(require("ffi").cast("int64_t", i)) end\nprint(s)\n'),
      { mode: "on", jitOptions: ["hotloop=1"], timeoutMs: 30_000, dump: false },
    );
    expect(run.outcome.stderr).toBe("");
    expect(run.outcome.stdout).toBe("1275\n");
    const ops = run.probe!.traces.flatMap((tr) => tr.bytecode.map((b) => b.op));
    expect(ops).toContain("FUNCC");
  });
});

describe("parseProbeLog on compact text", () => {
  const vmdef = `vmdef ${"FLOAD XLOAD KINT  CALLN ".replace(/ /g, "%20")} 2 str.len func.env 1 lj_str_cmp .`;
  // FLOAD (op 0) str.len of a string constant, again on that, then CALLN (op 3)
  // lj_str_cmp; constants out of order (the parser sorts them), one with a slot.
  const trace = [
    "trace 2 1 3 0 root @a%20b.lua 7",
    "3",
    "196 19 -1 0 0",
    "196 19 1 0 12",
    `36 ${(3 << 8) | 4} -2 0 65535`,
    "3",
    "-3 19 5 n 5",
    "-1 4 - s a%0ab",
    "-2 14 - n -0",
    // Machine code: 8 raw bytes, with a newline and " ." (the line's end) among them.
    "281474976710656 -1 2 100 4 8 \x00\n .\xff\x80 . .",
  ].join(" ");
  const text = [
    "hello LuaJIT%202.1 arm64 .",
    vmdef,
    "case 4 .",
    trace,
    "abort 3 @x.lua 9 NYI:%20bytecode%2051 .",
    "flush .",
    "trace 3 - - 3 loop @x.lua 9 0 0 0 -1 0 0",
  ].join("\n");

  it("reads every event and counts the torn last line as unreadable", () => {
    const log = parseProbeLog(text);
    expect(log.version).toBe("LuaJIT 2.1");
    expect(log.flushes).toBe(1);
    expect(log.unreadable).toBe(1);
    expect(log.aborts).toEqual([{ trace: 3, source: "@x.lua", line: 9, reason: "NYI: bytecode 51", caseIndex: 4 }]);
    expect(log.traces).toEqual([
      {
        trace: 2,
        parent: 1,
        parentExit: 3,
        source: "@a b.lua",
        line: 7,
        link: 0,
        linkType: "root",
        bytecode: [],
        ir: [
          { ref: 1, op: "FLOAD", type: "int", mode: 196, ot: 19, op1: -1, op2: 0, rid: 0, spill: 0, lit: "str.len" },
          { ref: 2, op: "FLOAD", type: "int", mode: 196, ot: 19, op1: 1, op2: 0, rid: 12, spill: 0, lit: "str.len" },
          {
            ref: 3,
            op: "CALLN",
            type: "str",
            mode: 36,
            ot: (3 << 8) | 4,
            op1: -2,
            op2: 0,
            rid: 255,
            spill: 255,
            lit: "lj_str_cmp",
          },
        ],
        constants: [
          { ref: -1, type: "str", value: "str:a\nb" },
          { ref: -2, type: "num", value: "-0" },
          { ref: -3, type: "int", value: 5, slot: 5 },
        ],
        snapshots: [],
        mcode: { address: 2 ** 48, loop: -1, hex: "000a202eff80202e" },
        exitStubs: [2 ** 48 + 100, 2 ** 48 + 104],
        caseIndex: 4,
      },
    ]);
  });

  it("never reads a line cut short, wherever the cut", () => {
    for (const line of [trace, "abort 3 @x.lua 9 NYI:%20bytecode%2051 .", "case 12 ."]) {
      for (let cut = 1; cut < line.length; cut++) {
        const log = parseProbeLog(`${vmdef}\n${line.slice(0, cut)}`);
        expect([log.traces.length, log.aborts.length, log.unreadable]).toEqual([0, 0, 1]);
      }
    }
  });

  it("reads a traceraw line: the IR as LuaJIT stores it, after the irmode line", () => {
    // Ops 0..6 as named; modes: FLOAD ref/lit, XLOAD ref/lit, KINT cst/cst, CALLN ref/lit, KNUM, KSLOT ref/lit, KGC.
    const names = "FLOAD XLOAD KINT  CALLN KNUM  KSLOT KGC   ";
    const header = [
      `vmdef ${names.replace(/ /g, "%20")} 2 str.len func.env 1 lj_str_cmp .`,
      "irmode 1 7 196 196 10 36 10 4 10 .",
    ].join("\n");
    const slot = (op1: number, op2: number, op: number, type: number, rid = 0, spill = 0) => {
      const b = Buffer.alloc(8);
      b.writeUInt16LE(op1, 0);
      b.writeUInt16LE(op2, 2);
      b.writeUInt16LE((op << 8) | type, 4);
      b[6] = rid;
      b[7] = spill;
      return b;
    };
    const payload = (write: (b: Buffer) => void) => {
      const b = Buffer.alloc(8);
      write(b);
      return b;
    };
    const BIAS = 0x8000;
    // nk = -6: KGC str at -6 (payload -5), KNUM -0 at -4 (payload -3), KSLOT(-6, 3) at -2, KINT 7 at -1; REF_BASE at 0.
    const bytes = Buffer.concat([
      slot(0, 0, 6, 4),
      payload((b) => b.writeBigUInt64LE(0x7f0012345678n)),
      slot(0, 0, 4, 14),
      payload((b) => b.writeDoubleLE(-0)),
      slot(BIAS - 6, 3, 5, 4),
      slot(7, 0, 2, 19),
      slot(0, 0, 0, 0), // REF_BASE
      slot(BIAS - 2, 0, 0, 19, 9, 0), // FLOAD KSLOT str.len
      slot(BIAS + 1, BIAS - 4, 3, 14, 255, 4), // CALLN 1 -4: a ref op2 in lit mode stays as stored
      slot(BIAS - 1, 0, 1, 19, 1), // XLOAD KINT
    ]);
    const line = `traceraw 5 - - 0 root @y.lua 3 -6 ${bytes.length} ${bytes.toString("latin1")} 4096 -1 1 64 4 abcd .`;
    const log = parseProbeLog(`${header}\n${line}\n`);
    expect(log.unreadable).toBe(0);
    expect(log.traces).toEqual([
      {
        trace: 5,
        parent: null,
        parentExit: null,
        source: "@y.lua",
        line: 3,
        link: 0,
        linkType: "root",
        bytecode: [],
        ir: [
          { ref: 1, op: "FLOAD", type: "int", mode: 196, ot: 19, op1: -2, op2: 0, rid: 9, spill: 0, lit: "str.len" },
          {
            ref: 2,
            op: "CALLN",
            type: "num",
            mode: 36,
            ot: (3 << 8) | 14,
            op1: 1,
            op2: BIAS - 4,
            rid: 255,
            spill: 4,
            lit: undefined,
          },
          { ref: 3, op: "XLOAD", type: "int", mode: 196, ot: (1 << 8) | 19, op1: -1, op2: 0, rid: 1, spill: 0 },
        ].map((ins) => (ins.lit === undefined ? (({ lit: _, ...rest }) => rest)(ins) : ins)),
        constants: [
          { ref: -1, type: "int", value: 7 },
          { ref: -2, type: "str", value: "gc:str:0x7f0012345678", slot: 3 },
        ],
        snapshots: [],
        mcode: { address: 4096, loop: -1, hex: "61626364" },
        exitStubs: [4160],
      },
    ]);
    // Cut anywhere, the line is unreadable, never wrong; before an irmode line, too.
    for (let cut = 1; cut < line.length; cut++) {
      const torn = parseProbeLog(`${header}\n${line.slice(0, cut)}`);
      expect([torn.traces.length, torn.unreadable]).toEqual([0, 1]);
    }
    expect(parseProbeLog(`${header.split("\n")[0]}\n${line}\n`).traces).toEqual([]);
  });

  it("still reads JSON lines", () => {
    const log = parseProbeLog('{"event":"hello","version":"v"}\n{"event":"flush"}\n{"event":"tra');
    expect(log).toEqual({ version: "v", traces: [], aborts: [], flushes: 1, unreadable: 1 });
  });

  it("rejects a line with a bad count or machine code of another length", () => {
    const lines = [
      vmdef,
      "trace 1 - - 0 root s 1 1 0 0 0 0 .",
      "trace 1 - - 0 root s 1 0 0 0 -1 0 2 x .",
      "trace 1 - - 0 root s 1 0 0 0 -1 0 2 xyz .",
    ];
    const log = parseProbeLog(lines.join("\n"));
    expect(log.traces).toEqual([]);
    expect(log.unreadable).toBe(3);
    // And the smallest whole one reads.
    expect(parseProbeLog("trace 1 - - 0 root s 1 0 0 0 -1 0 2 xy .").traces[0]?.mcode.hex).toBe("7879");
  });
});
