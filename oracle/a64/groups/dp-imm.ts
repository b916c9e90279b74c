// Data processing with an immediate: PC-relative addresses, add/sub, logical
// (bitmask) immediates, move wide, bitfield moves and extract, with the
// aliases binutils prefers (mov, cmp, cmn, tst, lsl, asr, ubfx, sxtw, ror…).

import { decodeBitmask, encodeBitmask, isWideConstant } from "../bitmask.ts";
import { field, hex, place, signExtend } from "../bits.ts";
import { type Form, form, type GroupTable, withCanonical } from "../form.ts";
import { custom, formatAddress, gpr, gprMulti, imm, lsl12, type Operand, parseAddress } from "../operand.ts";
import type { GprWidth } from "../registers.ts";
import { parseImmediate, parseSmallImmediate } from "../syntax.ts";

const widths: readonly [number, GprWidth][] = [
  [0, "w"],
  [1, "x"],
];

// -- PC-relative ---------------------------------------------------------------

function pcrelTarget(page: boolean): Operand {
  return custom(
    (w, pc) => {
      const offset = BigInt(signExtend((field(w, 5, 19) << 2) | field(w, 29, 2), 21));
      return formatAddress(page ? (BigInt(pc) & ~0xfffn) + offset * 4096n : BigInt(pc) + offset);
    },
    (t, pc) => {
      if (t === undefined) return undefined;
      const target = parseAddress(t);
      if (target === undefined) return undefined;
      let delta = BigInt.asIntN(64, target - (page ? BigInt(pc) & ~0xfffn : BigInt(pc)));
      if (page) {
        if (delta % 4096n !== 0n) return undefined;
        delta /= 4096n;
      }
      if (delta < -(1n << 20n) || delta >= 1n << 20n) return undefined;
      const v = Number(delta) & 0x1fffff;
      return (place(v & 3, 29, 2) | place(v >> 2, 5, 19)) >>> 0;
    },
  );
}

function pcrelForms(): Form[] {
  return [
    form("pcrel", "adr", 0x9f000000, 0x10000000, [gpr(0, "x", "zr"), pcrelTarget(false)]),
    form("pcrel", "adrp", 0x9f000000, 0x90000000, [gpr(0, "x", "zr"), pcrelTarget(true)]),
  ];
}

// -- Add/subtract immediate ------------------------------------------------------

function addSubImmForms(): Form[] {
  const out: Form[] = [];
  const imm12 = imm(10, 12);
  for (const [sf, r] of widths) {
    const sfBit = place(sf, 31, 1);
    const mask = 0xff800000;
    // mov to/from sp: add #0 with sp on one side.
    out.push(
      form(
        "addsub-imm",
        "mov",
        0xfffffc00,
        sfBit | 0x11000000,
        [gpr(0, r, "sp"), gpr(5, r, "sp")],
        (w) => field(w, 0, 5) === 31 || field(w, 5, 5) === 31,
      ),
    );
    out.push(form("addsub-imm", "add", mask, sfBit | 0x11000000, [gpr(0, r, "sp"), gpr(5, r, "sp"), imm12, lsl12]));
    out.push(form("addsub-imm", "cmn", mask | 0x1f, sfBit | 0x3100001f, [gpr(5, r, "sp"), imm12, lsl12]));
    out.push(form("addsub-imm", "adds", mask, sfBit | 0x31000000, [gpr(0, r, "zr"), gpr(5, r, "sp"), imm12, lsl12]));
    out.push(form("addsub-imm", "sub", mask, sfBit | 0x51000000, [gpr(0, r, "sp"), gpr(5, r, "sp"), imm12, lsl12]));
    out.push(form("addsub-imm", "cmp", mask | 0x1f, sfBit | 0x7100001f, [gpr(5, r, "sp"), imm12, lsl12]));
    out.push(form("addsub-imm", "subs", mask, sfBit | 0x71000000, [gpr(0, r, "zr"), gpr(5, r, "sp"), imm12, lsl12]));
  }
  return out;
}

// -- Logical immediate ------------------------------------------------------------

function bitmaskOf(w: number): bigint | undefined {
  return decodeBitmask(field(w, 22, 1), field(w, 16, 6), field(w, 10, 6), field(w, 31, 1) === 1);
}

function bitmaskImm(is64: boolean): Operand {
  return custom(
    (w) => `#0x${hex(bitmaskOf(w) ?? 0n)}`,
    (t) => {
      const v = parseImmediate(t);
      if (v === undefined) return undefined;
      const e = encodeBitmask(v, is64);
      return e === undefined ? undefined : place(e, 10, 13);
    },
  );
}

function logicalImmForms(): Form[] {
  const out: Form[] = [];
  for (const [sf, r] of widths) {
    const is64 = sf === 1;
    // sf=0 with N=1 is unallocated: N is part of the fixed bits then.
    const mask = is64 ? 0xff800000 : 0xffc00000;
    const sfBit = place(sf, 31, 1);
    const valid = (w: number): boolean => bitmaskOf(w) !== undefined;
    const k = bitmaskImm(is64);
    // Small elements ignore high bits of immr: the encoder picks the table's encoding.
    const canon = (w: number): number => (w & ~0x003ffc00) | ((encodeBitmask(bitmaskOf(w) ?? 0n, is64) ?? 0) << 10);
    const lform = (...a: Parameters<typeof form>): Form => withCanonical(form(...a), canon);
    out.push(lform("logic-imm", "and", mask, sfBit | 0x12000000, [gpr(0, r, "sp"), gpr(5, r, "zr"), k], valid));
    out.push(
      lform(
        "logic-imm",
        "mov",
        mask | 0x3e0,
        sfBit | 0x320003e0,
        [gpr(0, r, "sp"), k],
        (w) => valid(w) && (field(w, 0, 5) === 31 || !isWideConstant(bitmaskOf(w) ?? 0n, is64)),
      ),
    );
    out.push(lform("logic-imm", "orr", mask, sfBit | 0x32000000, [gpr(0, r, "sp"), gpr(5, r, "zr"), k], valid));
    out.push(lform("logic-imm", "eor", mask, sfBit | 0x52000000, [gpr(0, r, "sp"), gpr(5, r, "zr"), k], valid));
    out.push(lform("logic-imm", "tst", mask | 0x1f, sfBit | 0x7200001f, [gpr(5, r, "zr"), k], valid));
    out.push(lform("logic-imm", "ands", mask, sfBit | 0x72000000, [gpr(0, r, "zr"), gpr(5, r, "zr"), k], valid));
  }
  return out;
}

// -- Move wide --------------------------------------------------------------------

/** `mov` of MOVZ/MOVN: the whole register value as objdump prints it. */
function wideValue(is64: boolean, inverted: boolean): Operand {
  const bitsWide = is64 ? 64 : 32;
  return custom(
    (w) => {
      let v = BigInt(field(w, 5, 16)) << BigInt(16 * field(w, 21, 2));
      if (inverted) v = ~v;
      return `#0x${hex(BigInt.asUintN(bitsWide, v))}`;
    },
    (t) => {
      const parsed = parseImmediate(t);
      if (parsed === undefined) return undefined;
      let v = BigInt.asUintN(bitsWide, parsed);
      if (inverted) v = BigInt.asUintN(bitsWide, ~v);
      for (let hw = 0; hw < bitsWide / 16; hw++) {
        const chunk = v >> BigInt(16 * hw);
        if (chunk <= 0xffffn && chunk << BigInt(16 * hw) === v)
          return (place(Number(chunk), 5, 16) | place(hw, 21, 2)) >>> 0;
      }
      return undefined;
    },
  );
}

const hwShift: Operand = {
  render: (w) => (field(w, 21, 2) === 0 ? "" : `lsl #${16 * field(w, 21, 2)}`),
  parse: (t) => {
    if (t === undefined) return 0;
    const m = /^lsl\s+#(\d+)$/i.exec(t.trim());
    const n = m ? Number(m[1]) : NaN;
    return n % 16 === 0 && n <= 48 ? place(n / 16, 21, 2) : undefined;
  },
};

function moveWideForms(): Form[] {
  const out: Form[] = [];
  for (const [sf, r] of widths) {
    const is64 = sf === 1;
    // For 32-bit registers hw must be 0 or 1: bit 22 is fixed at zero.
    const mask = is64 ? 0xff800000 : 0xffc00000;
    const sfBit = place(sf, 31, 1);
    const notZeroShifted = (w: number): boolean => !(field(w, 5, 16) === 0 && field(w, 21, 2) !== 0);
    const rd = gpr(0, r, "zr");
    const imm16 = imm(5, 16);
    out.push(
      form(
        "movewide",
        "mov",
        mask,
        sfBit | 0x12800000,
        [rd, wideValue(is64, true)],
        (w) => notZeroShifted(w) && (is64 || field(w, 5, 16) !== 0xffff),
      ),
    );
    out.push(form("movewide", "movn", mask, sfBit | 0x12800000, [rd, imm16, hwShift]));
    out.push(form("movewide", "mov", mask, sfBit | 0x52800000, [rd, wideValue(is64, false)], notZeroShifted));
    out.push(form("movewide", "movz", mask, sfBit | 0x52800000, [rd, imm16, hwShift]));
    out.push(form("movewide", "movk", mask, sfBit | 0x72800000, [rd, imm16, hwShift]));
  }
  return out;
}

// -- Bitfield -----------------------------------------------------------------------

/** The architecture's BFXPreferred: whether UBFX/SBFX is the alias to print. */
function bfxPreferred(sf: number, uns: number, imms: number, immr: number): boolean {
  if (imms < immr) return false;
  if (imms === (sf === 1 ? 63 : 31)) return false;
  if (immr === 0) {
    if (sf === 0 && (imms === 7 || imms === 15)) return false;
    if (sf === 1 && uns === 0 && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

const immr = (w: number): number => field(w, 16, 6);
const imms = (w: number): number => field(w, 10, 6);

/** #lsb of the insert forms (bfi, ubfiz, sbfiz, bfc): (-immr) mod width, into immr. */
function insertLsb(size: number): Operand {
  return custom(
    (w) => `#${(size - immr(w)) % size}`,
    (t) => {
      const lsb = parseSmallImmediate(t, 0, size - 1);
      return lsb === undefined ? undefined : place((size - lsb) % size, 16, 6);
    },
  );
}

/** #width of the insert forms: imms + 1. */
function insertWidth(size: number): Operand {
  return custom(
    (w) => `#${imms(w) + 1}`,
    (t) => {
      const width = parseSmallImmediate(t, 1, size);
      return width === undefined ? undefined : place(width - 1, 10, 6);
    },
  );
}

/** #lsb of the extract forms (bfxil, ubfx, sbfx): immr. */
function extractLsb(): Operand {
  return imm(16, 6, { decimal: true });
}

/** #width of the extract forms: imms - immr + 1; needs the lsb operand before it. */
function extractWidth(size: number, lsbIndex: number): Operand {
  return {
    render: (w) => `#${imms(w) - immr(w) + 1}`,
    parse: (t, _pc, all) => {
      const lsb = parseSmallImmediate(all?.[lsbIndex], 0, size - 1);
      const width = parseSmallImmediate(t, 1, size);
      if (lsb === undefined || width === undefined || lsb + width > size) return undefined;
      return place(lsb + width - 1, 10, 6);
    },
  };
}

/** #shift of `lsl` (ubfm with imms + 1 == immr). */
function lslShift(size: number): Operand {
  return custom(
    (w) => `#${size - 1 - imms(w)}`,
    (t) => {
      const s = parseSmallImmediate(t, 0, size - 1);
      return s === undefined ? undefined : (place((size - s) % size, 16, 6) | place(size - 1 - s, 10, 6)) >>> 0;
    },
  );
}

function bitfieldForms(): Form[] {
  const out: Form[] = [];
  for (const [sf, r] of widths) {
    const size = sf === 1 ? 64 : 32;
    const sfN = sf === 1 ? 0x80400000 : 0;
    // 32-bit: N, immr<5> and imms<5> must be zero.
    const mask = sf === 1 ? 0xffc00000 : 0xffe08000;
    const rd = gpr(0, r, "zr");
    const rn = gpr(5, r, "zr");
    const rnW = gpr(5, "w", "zr");
    const top = size - 1;
    const sbfm = sfN | 0x13000000;
    const bfm = sfN | 0x33000000;
    const ubfm = sfN | 0x53000000;
    const lt = (w: number): boolean => imms(w) < immr(w);
    const bfx = (uns: number) => (w: number) => bfxPreferred(sf, uns, imms(w), immr(w));
    const imm6 = imm(16, 6, { decimal: true });
    // SBFM
    out.push(form("bitfield", "asr", mask | 0xfc00, sbfm | (top << 10), [rd, rn, imm6]));
    out.push(form("bitfield", "sbfiz", mask, sbfm, [rd, rn, insertLsb(size), insertWidth(size)], lt));
    out.push(form("bitfield", "sxtb", mask | 0x3ffc00, sbfm | (7 << 10), [rd, rnW]));
    out.push(form("bitfield", "sxth", mask | 0x3ffc00, sbfm | (15 << 10), [rd, rnW]));
    if (sf === 1) out.push(form("bitfield", "sxtw", mask | 0x3ffc00, sbfm | (31 << 10), [rd, rnW]));
    out.push(form("bitfield", "sbfx", mask, sbfm, [rd, rn, extractLsb(), extractWidth(size, 2)], bfx(0)));
    out.push(form("bitfield", "sbfm", mask, sbfm, [rd, rn, imm6, imm(10, 6, { decimal: true })]));
    // BFM
    out.push(form("bitfield", "bfc", mask | 0x3e0, bfm | 0x3e0, [rd, insertLsb(size), insertWidth(size)], lt));
    out.push(form("bitfield", "bfi", mask, bfm, [rd, rn, insertLsb(size), insertWidth(size)], lt));
    out.push(form("bitfield", "bfxil", mask, bfm, [rd, rn, extractLsb(), extractWidth(size, 2)], (w) => !lt(w)));
    out.push(form("bitfield", "bfm", mask, bfm, [rd, rn, imm6, imm(10, 6, { decimal: true })]));
    // UBFM
    out.push(
      form("bitfield", "lsl", mask, ubfm, [rd, rn, lslShift(size)], (w) => imms(w) !== top && imms(w) + 1 === immr(w)),
    );
    out.push(form("bitfield", "lsr", mask | 0xfc00, ubfm | (top << 10), [rd, rn, imm6]));
    out.push(form("bitfield", "ubfiz", mask, ubfm, [rd, rn, insertLsb(size), insertWidth(size)], lt));
    out.push(form("bitfield", "ubfx", mask, ubfm, [rd, rn, extractLsb(), extractWidth(size, 2)], bfx(1)));
    if (sf === 0) {
      out.push(form("bitfield", "uxtb", mask | 0x3ffc00, ubfm | (7 << 10), [rd, rnW]));
      out.push(form("bitfield", "uxth", mask | 0x3ffc00, ubfm | (15 << 10), [rd, rnW]));
    }
    out.push(form("bitfield", "ubfm", mask, ubfm, [rd, rn, imm6, imm(10, 6, { decimal: true })]));
  }
  return out;
}

// -- Extract -------------------------------------------------------------------------

function extractForms(): Form[] {
  const out: Form[] = [];
  for (const [sf, r] of widths) {
    const base = sf === 1 ? 0x93c00000 : 0x13800000;
    const mask = sf === 1 ? 0xffe00000 : 0xffe08000;
    const lsb = imm(10, 6, { decimal: true });
    out.push(
      form(
        "extract",
        "ror",
        mask,
        base,
        [gpr(0, r, "zr"), gprMulti([5, 16], r, "zr"), lsb],
        (w) => field(w, 5, 5) === field(w, 16, 5),
      ),
    );
    out.push(form("extract", "extr", mask, base, [gpr(0, r, "zr"), gpr(5, r, "zr"), gpr(16, r, "zr"), lsb]));
  }
  return out;
}

export const dataImmediateTable: GroupTable = {
  groups: [
    { id: "pcrel", mask: 0x1f000000, value: 0x10000000 },
    { id: "addsub-imm", mask: 0x1f800000, value: 0x11000000 },
    { id: "logic-imm", mask: 0x1f800000, value: 0x12000000 },
    { id: "movewide", mask: 0x1f800000, value: 0x12800000 },
    { id: "bitfield", mask: 0x1f800000, value: 0x13000000 },
    { id: "extract", mask: 0x1f800000, value: 0x13800000 },
  ],
  entries: [
    ...pcrelForms(),
    ...addSubImmForms(),
    ...logicalImmForms(),
    ...moveWideForms(),
    ...bitfieldForms(),
    ...extractForms(),
  ],
};
