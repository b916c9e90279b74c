/**
 * The fixed parts of every printed program: the digest helpers before the
 * body and the final digest after it.
 *
 * Digest scheme: `h` is an int32 rolling hash of every value the program
 * reads; `mix` keeps every intermediate product exact (below 2^53) so the
 * JIT and the interpreter agree bit for bit. Doubles and floats are mixed
 * by their bits (through a union), int64 cdata by their two halves.
 */
import type { BufferDef, Program } from "../program/ast.ts";
import { FILL_MULTIPLIER } from "../program/clean.ts";
import { sizeOf, type Layouts } from "../program/layout.ts";
import { ctypeDeclText, structDeclLines } from "./ctype.ts";

/** The helpers a body may call, each with what it needs in turn. */
const HELPERS: ReadonlyArray<{ readonly name: string; readonly needs: readonly string[]; readonly lines: readonly string[] }> = [
  { name: "mixd", needs: [], lines: [`local function mixd(h, x)`, `  fpbits.d = x`, `  return mix(mix(h, fpbits.i[0]), fpbits.i[1])`, `end`] },
  { name: "mixp", needs: ["mix64"], lines: [`local function mixp(h, p)`, `  return mix64(h, ffi.cast("uint64_t", p))`, `end`] },
  { name: "mix64", needs: [], lines: [`local function mix64(h, v)`, `  return mix(mix(h, tobit(v)), tobit(rshift(v, 32)))`, `end`] },
  { name: "mixb", needs: [], lines: [`local function mixb(h, b)`, `  return mix(h, b and 1 or 2)`, `end`] },
];

/** The prelude; `uses(name)` tells whether the body calls a helper. */
export function preludeLines(program: Program, layouts: Layouts, uses: (name: string) => boolean = () => true): string[] {
  const wanted = new Set<string>();
  for (const helper of HELPERS) {
    if (uses(helper.name) || wanted.has(helper.name)) {
      wanted.add(helper.name);
      for (const n of helper.needs) wanted.add(n);
    }
  }
  const lines = [
    `-- ljfuzz: -O${program.jitOptions.join(",")}`,
    `local ffi = require("ffi")`,
    `local bit = require("bit")`,
    `local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot`,
    `local lshift, rshift, arshift = bit.lshift, bit.rshift, bit.arshift`,
    `local rol, ror, tobit, bswap = bit.rol, bit.ror, bit.tobit, bit.bswap`,
    ...(wanted.has("mixd") ? [`local fpbits = ffi.new("union { double d; int32_t i[2]; }")`] : []),
    ``,
    `local function mix(h, v)`,
    `  return tobit(rol(bxor(h, v), 7) * 33 + 1)`,
    `end`,
    // Definition order: a helper before the helpers that call it.
    ...["mixd", "mix64", "mixb", "mixp"].flatMap((name) => (wanted.has(name) ? HELPERS.find((h) => h.name === name)!.lines : [])),
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
  return [`local buf${b.id} = ${alloc}`, `local b${b.id} = ffi.cast("uint8_t *", buf${b.id})`, `fill(b${b.id}, ${bytes}, ${b.fill})`];
}

/**
 * `fill(b, n, seed)`: byte i is (i * 73 + seed) % 254, skipping 0x7f and
 * 0xff; the pattern repeats every 254 bytes, so it is written once and
 * then doubled with ffi.copy.
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
];

/** `h`, then every buffer byte (4 at a time, then the tail) hashed into `m`. */
export function digestLines(program: Program, layouts: Layouts): string[] {
  const lines = [``, `print("h", h)`, `local m = 0`];
  for (const b of program.buffers) {
    const bytes = sizeOf(layouts, b.elem) * b.count;
    const words = Math.floor(bytes / 4);
    lines.push(`local words${b.id} = ffi.cast("int32_t *", buf${b.id})`);
    lines.push(`for i = 0, ${words - 1} do`, `  m = mix(m, words${b.id}[i])`, `end`);
    if (bytes % 4 !== 0) {
      lines.push(`local bytes${b.id} = ffi.cast("uint8_t *", buf${b.id})`);
      lines.push(`for i = ${words * 4}, ${bytes - 1} do`, `  m = mix(m, bytes${b.id}[i])`, `end`);
    }
  }
  lines.push(`print("mem", m)`);
  return lines;
}
