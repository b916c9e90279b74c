// Memory operands of loads and stores: "[x1]", "[x1, #8]", "[x1, #8]!",
// "[x1], #8" (post-index: the bracket and the immediate are two operands) and
// "[x1, w2, sxtw #2]". Offsets are printed in decimal, as objdump does.
import { field, place, signExtend } from "./bits.ts";
import type { Operand } from "./operand.ts";
import { gprName, parseGpr } from "./registers.ts";
import { parseInteger } from "./syntax.ts";

interface MemText {
  readonly base: string;
  readonly rest: readonly string[];
  readonly writeback: boolean;
}

/** Splits "[x1, #8]!" into base "x1", rest ["#8"], writeback true. */
function splitMem(text: string): MemText | undefined {
  const m = /^\[([^\]]*)\](!?)$/.exec(text.trim());
  if (!m) return undefined;
  const inner = (m[1] ?? "").split(",").map((s) => s.trim());
  const base = inner[0] ?? "";
  return { base, rest: inner.slice(1), writeback: m[2] === "!" };
}

function parseOffset(text: string | undefined): number | undefined {
  if (text === undefined) return 0;
  const t = text.trim();
  if (!t.startsWith("#")) return undefined;
  const v = parseInteger(t.slice(1));
  return v === undefined ? undefined : Number(v);
}

function baseName(w: number): string {
  return gprName(field(w, 5, 5), "x", "sp");
}

function parseBase(text: string): number | undefined {
  const n = parseGpr(text, "x", "sp");
  return n === undefined ? undefined : place(n, 5, 5);
}

/** Encodes an offset into a field, or undefined when out of range/misaligned. */
function encodeOffset(offset: number, lo: number, width: number, scale: number, signed: boolean): number | undefined {
  const unit = 2 ** scale;
  if (offset % unit !== 0) return undefined;
  const v = offset / unit;
  const min = signed ? -(2 ** (width - 1)) : 0;
  const max = signed ? 2 ** (width - 1) - 1 : 2 ** width - 1;
  if (v < min || v > max) return undefined;
  return place(v, lo, width);
}

/**
 * "[xn]" or "[xn, #offset]" (offset left out when zero), or with `!` for
 * pre-index, where objdump always prints the offset.
 */
export function memOffset(lo: number, width: number, scale: number, signed: boolean, preIndex: boolean): Operand {
  return {
    render: (w) => {
      const raw = field(w, lo, width);
      const offset = (signed ? signExtend(raw, width) : raw) * 2 ** scale;
      if (preIndex) return `[${baseName(w)}, #${offset}]!`;
      return offset === 0 ? `[${baseName(w)}]` : `[${baseName(w)}, #${offset}]`;
    },
    parse: (t) => {
      if (t === undefined) return undefined;
      const m = splitMem(t);
      if (!m || m.writeback !== preIndex || m.rest.length > 1) return undefined;
      const base = parseBase(m.base);
      const offset = parseOffset(m.rest[0]);
      if (base === undefined || offset === undefined) return undefined;
      const bits = encodeOffset(offset, lo, width, scale, signed);
      return bits === undefined ? undefined : (base | bits) >>> 0;
    },
  };
}

/** "[xn]" alone: the base of a post-indexed access. */
export const memBase: Operand = {
  render: (w) => `[${baseName(w)}]`,
  parse: (t) => {
    if (t === undefined) return undefined;
    const m = splitMem(t);
    if (!m || m.writeback || m.rest.length !== 0) return undefined;
    return parseBase(m.base);
  },
};

/** "#offset" after a post-indexed base, always printed. */
export function postOffset(lo: number, width: number, scale: number): Operand {
  return {
    render: (w) => `#${signExtend(field(w, lo, width), width) * 2 ** scale}`,
    parse: (t) => {
      if (t === undefined) return undefined;
      const offset = parseOffset(t);
      return offset === undefined ? undefined : encodeOffset(offset, lo, width, scale, true);
    },
  };
}

const INDEX_EXTENDS: Readonly<Record<number, string>> = { 2: "uxtw", 3: "lsl", 6: "sxtw", 7: "sxtx" };

/**
 * "[xn, xm]", "[xn, xm, lsl #3]", "[xn, wm, uxtw]", "[xn, wm, sxtw #2]".
 * The amount, when S is set, is the access size's log2 (0 for bytes: then
 * objdump still prints "#0"). LSL without S prints no extend at all.
 */
export function memRegister(scale: number): Operand {
  return {
    render: (w) => {
      const option = field(w, 13, 3);
      const s = field(w, 12, 1);
      const index = gprName(field(w, 16, 5), (option & 1) === 1 ? "x" : "w", "zr");
      const ext = INDEX_EXTENDS[option] ?? "?";
      if (option === 3 && s === 0) return `[${baseName(w)}, ${index}]`;
      return s === 1 ? `[${baseName(w)}, ${index}, ${ext} #${scale}]` : `[${baseName(w)}, ${index}, ${ext}]`;
    },
    parse: (t) => {
      if (t === undefined) return undefined;
      const m = splitMem(t);
      if (!m || m.writeback || m.rest.length < 1 || m.rest.length > 2) return undefined;
      const base = parseBase(m.base);
      if (base === undefined) return undefined;
      const indexText = m.rest[0] ?? "";
      let option = 3;
      let s = 0;
      const extText = m.rest[1];
      if (extText !== undefined) {
        const e = /^(uxtw|lsl|sxtw|sxtx)(?:\s+#(\d+))?$/i.exec(extText);
        if (!e) return undefined;
        const name = (e[1] ?? "").toLowerCase();
        option = Number(Object.keys(INDEX_EXTENDS).find((k) => INDEX_EXTENDS[Number(k)] === name));
        if (e[2] !== undefined) {
          if (Number(e[2]) !== scale) return undefined;
          s = 1;
        } else if (option === 3) {
          return undefined; // "lsl" needs an amount
        }
      }
      const n = parseGpr(indexText, (option & 1) === 1 ? "x" : "w", "zr");
      if (n === undefined) return undefined;
      return (base | place(n, 16, 5) | place(option, 13, 3) | place(s, 12, 1)) >>> 0;
    },
  };
}
