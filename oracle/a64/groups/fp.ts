// Scalar floating point: one-, two- and three-source arithmetic, compares,
// conditional compare/select, immediates and the conversions to and from
// integers (and fixed point). ftype 00/01/11 are single/double/half; 10 is
// unallocated except for the fmov to/from the top half of a vector register.
import { field, place } from "../bits.ts";
import { type Form, form, type GroupTable, withCanonical } from "../form.ts";
import { encodeFpImm, formatFpImm, fpImmValue } from "../fpimm.ts";
import { condition, custom, fpr, gpr, imm, type Operand } from "../operand.ts";
import type { FprView, GprWidth } from "../registers.ts";
import { parseSmallImmediate } from "../syntax.ts";

const FTYPES: readonly [number, FprView][] = [
  [0, "s"],
  [1, "d"],
  [3, "h"],
];
const ftypeBits = (ftype: number): number => place(ftype, 22, 2);

export const fpImmediate: Operand = custom(
  (w) => `#${formatFpImm(fpImmValue(field(w, 13, 8)))}`,
  (t) => {
    if (t === undefined || !t.trim().startsWith("#")) return undefined;
    const imm8 = encodeFpImm(t.trim().slice(1));
    return imm8 === undefined ? undefined : place(imm8, 13, 8);
  },
);

const zeroOperand: Operand = custom(
  () => "#0.0",
  (t) => (t !== undefined && /^#0(\.0*)?(e[+-]?\d+)?$/i.test(t.trim()) ? 0 : undefined),
);

function oneSource(): Form[] {
  const out: Form[] = [];
  const mask = 0xffbffc00 | 0x00400000;
  const simple: [number, string][] = [
    [0x00, "fmov"],
    [0x01, "fabs"],
    [0x02, "fneg"],
    [0x03, "fsqrt"],
    [0x08, "frintn"],
    [0x09, "frintp"],
    [0x0a, "frintm"],
    [0x0b, "frintz"],
    [0x0c, "frinta"],
    [0x0e, "frintx"],
    [0x0f, "frinti"],
  ];
  const frintts: [number, string][] = [
    [0x10, "frint32z"],
    [0x11, "frint32x"],
    [0x12, "frint64z"],
    [0x13, "frint64x"],
  ];
  const views: Record<number, FprView> = { 0: "s", 1: "d", 3: "h" };
  for (const [ftype, view] of FTYPES) {
    const base = (0x1e204000 | ftypeBits(ftype)) >>> 0;
    const ops = [fpr(0, view), fpr(5, view)];
    for (const [opcode, name] of simple) out.push(form("fp-dp1", name, mask, base | place(opcode, 15, 6), ops));
    if (view !== "h")
      for (const [opcode, name] of frintts) out.push(form("fp-dp1", name, mask, base | place(opcode, 15, 6), ops));
    for (const opc of [0, 1, 3]) {
      const to = views[opc];
      if (to === undefined || to === view) continue;
      out.push(form("fp-dp1", "fcvt", mask, base | place(4 | opc, 15, 6), [fpr(0, to), fpr(5, view)]));
    }
  }
  out.push(form("fp-dp1", "bfcvt", mask, 0x1e634000, [fpr(0, "h"), fpr(5, "s")]));
  return out;
}

function compares(): Form[] {
  const out: Form[] = [];
  for (const [ftype, view] of FTYPES) {
    const base = (0x1e202000 | ftypeBits(ftype)) >>> 0;
    out.push(form("fp-cmp", "fcmp", 0xffe0fc1f, base, [fpr(5, view), fpr(16, view)]));
    // Compares with #0.0 ignore Rm; the encoder writes zero there.
    const rmZero = (w: number): number => w & ~0x001f0000;
    out.push(
      withCanonical(form("fp-cmp", "fcmp", 0xffe0fc1f & ~0x001f0000, base | 0x08, [fpr(5, view), zeroOperand]), rmZero),
    );
    out.push(form("fp-cmp", "fcmpe", 0xffe0fc1f, base | 0x10, [fpr(5, view), fpr(16, view)]));
    out.push(
      withCanonical(
        form("fp-cmp", "fcmpe", 0xffe0fc1f & ~0x001f0000, base | 0x18, [fpr(5, view), zeroOperand]),
        rmZero,
      ),
    );
  }
  return out;
}

function twoSourceAndSelect(): Form[] {
  const out: Form[] = [];
  const names = ["fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"];
  for (const [ftype, view] of FTYPES) {
    const d = fpr(0, view);
    const n = fpr(5, view);
    const m = fpr(16, view);
    names.forEach((name, opcode) => {
      out.push(
        form("fp-dp2", name, 0xffe0fc00, (0x1e200800 | ftypeBits(ftype) | place(opcode, 12, 4)) >>> 0, [d, n, m]),
      );
    });
    out.push(form("fp-csel", "fcsel", 0xffe00c00, (0x1e200c00 | ftypeBits(ftype)) >>> 0, [d, n, m, condition(12)]));
    out.push(
      form("fp-ccmp", "fccmp", 0xffe00c10, (0x1e200400 | ftypeBits(ftype)) >>> 0, [n, m, imm(0, 4), condition(12)]),
    );
    out.push(
      form("fp-ccmp", "fccmpe", 0xffe00c10, (0x1e200410 | ftypeBits(ftype)) >>> 0, [n, m, imm(0, 4), condition(12)]),
    );
    out.push(form("fp-imm", "fmov", 0xffe01fe0, (0x1e201000 | ftypeBits(ftype)) >>> 0, [d, fpImmediate]));
    const names3 = ["fmadd", "fmsub", "fnmadd", "fnmsub"];
    names3.forEach((name, i) => {
      const value = (0x1f000000 | ftypeBits(ftype) | place(i >> 1, 21, 1) | place(i & 1, 15, 1)) >>> 0;
      out.push(form("fp-dp3", name, 0xffe08000, value, [d, n, m, fpr(10, view)]));
    });
  }
  return out;
}

/** "v0.d[1]": the top 64 bits of a vector register. */
function topHalf(lo: number): Operand {
  return custom(
    (w) => `v${field(w, lo, 5)}.d[1]`,
    (t) => {
      const m = /^v(\d+)\.d\[1\]$/i.exec(t?.trim() ?? "");
      const n = m ? Number(m[1]) : NaN;
      return n <= 31 ? place(n, lo, 5) : undefined;
    },
  );
}

function integerConversions(): Form[] {
  const out: Form[] = [];
  const toInt: [number, number, string][] = [
    [0, 0, "fcvtns"],
    [0, 1, "fcvtnu"],
    [0, 4, "fcvtas"],
    [0, 5, "fcvtau"],
    [1, 0, "fcvtps"],
    [1, 1, "fcvtpu"],
    [2, 0, "fcvtms"],
    [2, 1, "fcvtmu"],
    [3, 0, "fcvtzs"],
    [3, 1, "fcvtzu"],
  ];
  const mask = 0xfffffc00;
  for (const [sf, r] of [
    [0, "w"],
    [1, "x"],
  ] as [number, GprWidth][]) {
    for (const [ftype, view] of FTYPES) {
      const base = (place(sf, 31, 1) | 0x1e200000 | ftypeBits(ftype)) >>> 0;
      const code = (rmode: number, opcode: number): number => (base | place(rmode, 19, 2) | place(opcode, 16, 3)) >>> 0;
      for (const [rmode, opcode, name] of toInt)
        out.push(form("fp-int", name, mask, code(rmode, opcode), [gpr(0, r, "zr"), fpr(5, view)]));
      out.push(form("fp-int", "scvtf", mask, code(0, 2), [fpr(0, view), gpr(5, r, "zr")]));
      out.push(form("fp-int", "ucvtf", mask, code(0, 3), [fpr(0, view), gpr(5, r, "zr")]));
      if (view === "h" || (view === "s" && sf === 0) || (view === "d" && sf === 1)) {
        out.push(form("fp-int", "fmov", mask, code(0, 6), [gpr(0, r, "zr"), fpr(5, view)]));
        out.push(form("fp-int", "fmov", mask, code(0, 7), [fpr(0, view), gpr(5, r, "zr")]));
      }
      // Fixed point: fbits = 64 - scale; 32-bit registers need scale >= 32.
      const fixedMask = sf === 1 ? 0xffff0000 : 0xffff8000;
      const fixedBase = (place(sf, 31, 1) | 0x1e000000 | ftypeBits(ftype) | (sf === 1 ? 0 : 0x8000)) >>> 0;
      const fbits = fractionBits(sf === 1 ? 64 : 32);
      const fixed = (rmode: number, opcode: number): number =>
        (fixedBase | place(rmode, 19, 2) | place(opcode, 16, 3)) >>> 0;
      out.push(form("fp-fixed", "scvtf", fixedMask, fixed(0, 2), [fpr(0, view), gpr(5, r, "zr"), fbits]));
      out.push(form("fp-fixed", "ucvtf", fixedMask, fixed(0, 3), [fpr(0, view), gpr(5, r, "zr"), fbits]));
      out.push(form("fp-fixed", "fcvtzs", fixedMask, fixed(3, 0), [gpr(0, r, "zr"), fpr(5, view), fbits]));
      out.push(form("fp-fixed", "fcvtzu", fixedMask, fixed(3, 1), [gpr(0, r, "zr"), fpr(5, view), fbits]));
    }
  }
  out.push(form("fp-int", "fjcvtzs", mask, 0x1e7e0000, [gpr(0, "w", "zr"), fpr(5, "d")]));
  out.push(form("fp-int", "fmov", mask, 0x9eae0000, [gpr(0, "x", "zr"), topHalf(5)]));
  out.push(form("fp-int", "fmov", mask, 0x9eaf0000, [topHalf(0), gpr(5, "x", "zr")]));
  return out;
}

/** #fbits of a fixed-point conversion: 64 - scale, for a register of `max` bits. */
function fractionBits(max: number): Operand {
  return custom(
    (w) => `#${64 - field(w, 10, 6)}`,
    (t) => {
      const n = parseSmallImmediate(t, 1, max);
      return n === undefined ? undefined : place(64 - n, 10, 6);
    },
  );
}

export const floatingPointTable: GroupTable = {
  groups: [
    { id: "fp-scalar", mask: 0x5f200000, value: 0x1e200000 },
    { id: "fp-fixed", mask: 0x5f200000, value: 0x1e000000 },
    { id: "fp-dp3", mask: 0x5f000000, value: 0x1f000000 },
  ],
  entries: [...oneSource(), ...compares(), ...twoSourceAndSelect(), ...integerConversions()],
};
