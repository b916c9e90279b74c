/**
 * The fixed parts of every printed program: the digest helpers before the
 * body and the final digest after it.
 *
 * Digest scheme: `h` is an int32 rolling hash of every value the program
 * reads; `mix` keeps every intermediate product exact (below 2^53) so the
 * JIT and the interpreter agree bit for bit. Doubles and floats are mixed
 * by their bits (through a union), int64 cdata by their two halves. `mem`
 * hashes the bytes the program may have stored to.
 *
 * The helpers return `(f(…))`, not `f(…)`: a tail call, even of a
 * builtin, counts toward the recorder's loop unroll limit (`tailcalled`
 * in lj_record.c, never reset within a trace), so a loop body that hashed
 * more than 15 values through tail calls never compiled as a loop.
 *
 * `fill` and `digest` run interpreted (jit.off): they are not under test,
 * and compiled they made two thirds of a program's traces, which screening
 * paid for in compile time and in the probe's records.
 */
import type { BufferDef, Program } from "../program/ast.ts";
import { type Access, checkBounds } from "../program/bounds.ts";
import { FILL_MULTIPLIER } from "../program/clean.ts";
import { type Layouts, sizeOf } from "../program/layout.ts";
import { ctypeDeclText, structDeclLines } from "./ctype.ts";

/** The helpers a body may call, each with what it needs in turn. */
const HELPERS: ReadonlyArray<{
  readonly name: string;
  readonly needs: readonly string[];
  readonly lines: readonly string[];
}> = [
  {
    name: "mixd",
    needs: [],
    lines: [`local function mixd(h, x)`, `  fpbits.d = x`, `  return (mix(mix(h, fpbits.i[0]), fpbits.i[1]))`, `end`],
  },
  {
    name: "mixp",
    needs: ["mix64"],
    lines: [`local function mixp(h, p)`, `  return (mix64(h, ffi.cast("uint64_t", p)))`, `end`],
  },
  {
    name: "mix64",
    needs: [],
    lines: [`local function mix64(h, v)`, `  return (mix(mix(h, tobit(v)), tobit(rshift(v, 32))))`, `end`],
  },
  { name: "mixb", needs: [], lines: [`local function mixb(h, b)`, `  return (mix(h, b and 1 or 2))`, `end`] },
  {
    name: "mixs",
    needs: [],
    lines: [
      `local function mixs(h, s)`,
      `  if not s then return (mix(h, 5)) end`,
      `  return (mix(mix(h, #s), s:byte(-1)))`,
      `end`,
    ],
  },
  { name: "mixt", needs: [], lines: [`local function mixt(h, t)`, `  return (mix(h, t and t[1] or 3))`, `end`] },
  {
    name: "cell",
    needs: [],
    // v is an upvalue of both closures, closed once cell returns: stores to it need OBAR.
    lines: [`local function cell(v)`, `  return function(x) v = x end, function() return v end`, `end`],
  },
];

/** The prelude; `uses(name)` tells whether the body calls a helper. */
export function preludeLines(
  program: Program,
  layouts: Layouts,
  uses: (name: string) => boolean = () => true,
): string[] {
  const wanted = new Set<string>();
  for (const helper of HELPERS) {
    if (uses(helper.name) || wanted.has(helper.name)) {
      wanted.add(helper.name);
      for (const n of helper.needs) wanted.add(n);
    }
  }
  const lines = [
    `-- ljfuzz: -O${program.jitOptions.join(",")}`,
    `local jit = require("jit")`,
    `local ffi = require("ffi")`,
    `local bit = require("bit")`,
    `local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot`,
    `local lshift, rshift, arshift = bit.lshift, bit.rshift, bit.arshift`,
    `local rol, ror, tobit, bswap = bit.rol, bit.ror, bit.tobit, bit.bswap`,
    ...(wanted.has("mixd") ? [`local fpbits = ffi.new("union { double d; int32_t i[2]; }")`] : []),
    ``,
    `local function mix(h, v)`,
    `  return (tobit(rol(bxor(h, v), 7) * 33 + 1))`,
    `end`,
    // Definition order: a helper before the helpers that call it.
    ...["mixd", "mix64", "mixb", "mixp", "mixs", "mixt", "cell"].flatMap((name) =>
      wanted.has(name) ? HELPERS.find((h) => h.name === name)!.lines : [],
    ),
    ...FILL_LINES,
  ];
  if (program.structs.length > 0) lines.push(``);
  for (const s of program.structs) lines.push(...structDeclLines(s));
  for (const b of program.buffers) lines.push(``, ...bufferLines(b, layouts));
  lines.push(``, `local h = 0`);
  return lines;
}

function bufferLines(b: BufferDef, layouts: Layouts): string[] {
  const bytes = sizeOf(layouts, b.elem) * b.count;
  const alloc =
    b.elem.tag === "scalar"
      ? `ffi.new("${ctypeDeclText(b.elem, "")}[?]", ${b.count})`
      : `ffi.new(ffi.typeof("$[?]", ${ctypeDeclText(b.elem, "")}), ${b.count})`;
  return [
    `local buf${b.id} = ${alloc}`,
    `local b${b.id} = ffi.cast("uint8_t *", buf${b.id})`,
    `fill(b${b.id}, ${bytes}, ${b.fill})`,
  ];
}

/**
 * `fill(b, n, seed)`: byte i is (i * 73 + seed) % 254, skipping 0x7f and
 * 0xff; the pattern repeats every 254 bytes, so it is written once and
 * then doubled with ffi.copy. `digest(m, b, from, to)` mixes bytes
 * [from, to) of b into m, 4 at a time, then the tail.
 */
const FILL_LINES = [
  `local function fill(b, n, seed)`,
  `  for i = 0, math.min(n, 254) - 1 do`,
  `    local x = (i * ${FILL_MULTIPLIER} + seed) % 254`,
  `    b[i] = x < 127 and x or x + 1`,
  `  end`,
  `  local k = 254`,
  `  while k < n do`,
  `    ffi.copy(b + k, b, math.min(k, n - k))`,
  `    k = k + k`,
  `  end`,
  `end`,
  `local function digest(m, b, from, to)`,
  `  local words = ffi.cast("int32_t *", b + from)`,
  `  local n = math.floor((to - from) / 4)`,
  `  for i = 0, n - 1 do`,
  `    m = mix(m, words[i])`,
  `  end`,
  `  for i = from + 4 * n, to - 1 do`,
  `    m = mix(m, b[i])`,
  `  end`,
  `  return m`,
  `end`,
  `-- Not under test: interpreted, so that every trace is the program's own.`,
  `jit.off(fill)`,
  `jit.off(digest)`,
];

/**
 * `h`, then the bytes each buffer may have been stored to, hashed into `m`.
 * A store the JIT drops or misplaces changes the bytes it should have
 * written; bytes nothing stores to cannot change, so hashing them (whole
 * buffers, before) only cost interpreter time.
 */
export function digestLines(program: Program): string[] {
  const lines = [``, `print("h", h)`, `local m = 0`];
  const { accesses } = checkBounds(program);
  for (const b of program.buffers) {
    for (const [from, to] of storedRanges(accesses, b)) lines.push(`m = digest(m, b${b.id}, ${from}, ${to})`);
  }
  lines.push(`print("mem", m)`);
  return lines;
}

/** Byte ranges of a buffer that stores may touch: merged, word-aligned starts. */
function storedRanges(accesses: readonly Access[], buffer: BufferDef): Array<[number, number]> {
  const stores = accesses
    .filter((a) => a.kind === "store" && a.buffer === buffer.id)
    .map((a): [number, number] => [a.min - (a.min % 4), a.end])
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of stores) {
    const last = merged.at(-1);
    // Close ranges are hashed as one: a call less costs more than a few bytes.
    if (last && from <= last[1] + 16) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}
