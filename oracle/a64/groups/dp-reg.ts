// Data processing on registers: logical and add/sub with shifted or extended
// operands, add/sub with carry, conditional compare and select, and the one-,
// two- and three-source groups, with binutils' preferred aliases.
import { field, place } from "../bits.ts";
import { type Form, form, type GroupTable, hole, withCanonical } from "../form.ts";
import { condition, EXTENDS, gpr, gprMulti, imm, type Operand, shiftOperand } from "../operand.ts";
import { type GprWidth, gprName, parseGpr } from "../registers.ts";
import { parseSmallImmediate } from "../syntax.ts";

const widths: readonly [number, GprWidth][] = [
  [0, "w"],
  [1, "x"],
];

const rd = (r: GprWidth): Operand => gpr(0, r, "zr");
const rn = (r: GprWidth): Operand => gpr(5, r, "zr");
const rm = (r: GprWidth): Operand => gpr(16, r, "zr");
const rOf = (w: number, lo: number): number => field(w, lo, 5);

// -- Logical (shifted register) ------------------------------------------------------

function logicalForms(): Form[] {
  const out: Form[] = [];
  const names = [
    ["and", "bic"],
    ["orr", "orn"],
    ["eor", "eon"],
    ["ands", "bics"],
  ];
  for (const [sf, r] of widths) {
    // 32-bit: shift amounts of 32 and up are unallocated.
    const mask = sf === 1 ? 0xff200000 : 0xff208000;
    const shift = shiftOperand(6);
    for (let opc = 0; opc < 4; opc++) {
      for (let n = 0; n < 2; n++) {
        const value = (place(sf, 31, 1) | place(opc, 29, 2) | 0x0a000000 | place(n, 21, 1)) >>> 0;
        const name = names[opc]?.[n] ?? "?";
        if (opc === 1 && n === 0)
          out.push(form("logic-reg", "mov", mask | 0x00c0fc00 | 0x3e0, value | 0x3e0, [rd(r), rm(r)]));
        if (opc === 1 && n === 1)
          out.push(form("logic-reg", "mvn", mask | 0x3e0, value | 0x3e0, [rd(r), rm(r), shift]));
        if (opc === 3 && n === 0) out.push(form("logic-reg", "tst", mask | 0x1f, value | 0x1f, [rn(r), rm(r), shift]));
        out.push(form("logic-reg", name, mask, value, [rd(r), rn(r), rm(r), shift]));
      }
    }
  }
  return out;
}

// -- Add/subtract (shifted register) ------------------------------------------------------

function addSubShiftedForms(): Form[] {
  const out: Form[] = [];
  for (const [sf, r] of widths) {
    const mask = sf === 1 ? 0xff200000 : 0xff208000;
    const shift = shiftOperand(6);
    const noRor = (w: number): boolean => field(w, 22, 2) !== 3;
    const sfBit = place(sf, 31, 1);
    const add = sfBit | 0x0b000000;
    const adds = sfBit | 0x2b000000;
    const sub = sfBit | 0x4b000000;
    const subs = sfBit | 0x6b000000;
    out.push(form("addsub-shift", "add", mask, add, [rd(r), rn(r), rm(r), shift], noRor));
    out.push(form("addsub-shift", "cmn", mask | 0x1f, adds | 0x1f, [rn(r), rm(r), shift], noRor));
    out.push(form("addsub-shift", "adds", mask, adds, [rd(r), rn(r), rm(r), shift], noRor));
    out.push(form("addsub-shift", "neg", mask | 0x3e0, sub | 0x3e0, [rd(r), rm(r), shift], noRor));
    out.push(form("addsub-shift", "sub", mask, sub, [rd(r), rn(r), rm(r), shift], noRor));
    out.push(form("addsub-shift", "cmp", mask | 0x1f, subs | 0x1f, [rn(r), rm(r), shift], noRor));
    out.push(form("addsub-shift", "negs", mask | 0x3e0, subs | 0x3e0, [rd(r), rm(r), shift], noRor));
    out.push(form("addsub-shift", "subs", mask, subs, [rd(r), rn(r), rm(r), shift], noRor));
  }
  return out;
}

// -- Add/subtract (extended register) ------------------------------------------------------

/** Option value that prints as `lsl` when sp is involved: UXTW (32-bit) or UXTX (64-bit). */
const lslOption = (sf: number): number => (sf === 1 ? 3 : 2);

/** Rm of an extended-register operand: an x register only for UXTX/SXTX in 64-bit forms. */
function extendedRm(sf: number, extendIndex: number): Operand {
  const widthOf = (option: number): GprWidth => (sf === 1 && (option & 3) === 3 ? "x" : "w");
  return {
    render: (w) => gprName(field(w, 16, 5), widthOf(field(w, 13, 3)), "zr"),
    parse: (t, _pc, all) => {
      if (t === undefined) return undefined;
      const ext = all?.[extendIndex];
      const option = ext === undefined ? lslOption(sf) : extendOption(ext, sf);
      if (option === undefined) return undefined;
      const n = parseGpr(t, widthOf(option), "zr");
      return n === undefined ? undefined : place(n, 16, 5);
    },
  };
}

function extendOption(text: string, sf: number): number | undefined {
  const name = (/^(\w+)/.exec(text.trim().toLowerCase())?.[1] ?? "").toLowerCase();
  if (name === "lsl") return lslOption(sf);
  const i = (EXTENDS as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}

/** `uxtw #2`, `sxtb`, or `lsl #n` (left out for #0) when sp is Rd or Rn. */
function extendOperand(sf: number, setsFlags: boolean): Operand {
  return {
    render: (w) => {
      const option = field(w, 13, 3);
      const amount = field(w, 10, 3);
      const spInvolved = setsFlags ? rOf(w, 5) === 31 : rOf(w, 0) === 31 || rOf(w, 5) === 31;
      if (spInvolved && option === lslOption(sf)) return amount === 0 ? "" : `lsl #${amount}`;
      return amount === 0 ? (EXTENDS[option] ?? "?") : `${EXTENDS[option] ?? "?"} #${amount}`;
    },
    parse: (t) => {
      if (t === undefined) return place(lslOption(sf), 13, 3);
      const m = /^(\w+)(?:\s+(#.+))?$/.exec(t.trim().toLowerCase());
      if (!m) return undefined;
      const option = extendOption(m[1] ?? "", sf);
      const amount = m[2] === undefined ? 0 : parseSmallImmediate(m[2], 0, 4);
      if (option === undefined || amount === undefined) return undefined;
      if (m[1] === "lsl" && m[2] === undefined) return undefined;
      return (place(option, 13, 3) | place(amount, 10, 3)) >>> 0;
    },
  };
}

function addSubExtendedForms(): Form[] {
  const out: Form[] = [];
  for (const [sf, r] of widths) {
    const mask = 0xffe00000;
    const amountOk = (w: number): boolean => field(w, 10, 3) <= 4;
    const sfBit = place(sf, 31, 1);
    const rdSp = gpr(0, r, "sp");
    const rnSp = gpr(5, r, "sp");
    const ext = (s: boolean): Operand => extendOperand(sf, s);
    out.push(
      form("addsub-ext", "add", mask, sfBit | 0x0b200000, [rdSp, rnSp, extendedRm(sf, 3), ext(false)], amountOk),
    );
    out.push(
      form("addsub-ext", "cmn", mask | 0x1f, sfBit | 0x2b20001f, [rnSp, extendedRm(sf, 2), ext(true)], amountOk),
    );
    out.push(
      form("addsub-ext", "adds", mask, sfBit | 0x2b200000, [rd(r), rnSp, extendedRm(sf, 3), ext(true)], amountOk),
    );
    out.push(
      form("addsub-ext", "sub", mask, sfBit | 0x4b200000, [rdSp, rnSp, extendedRm(sf, 3), ext(false)], amountOk),
    );
    out.push(
      form("addsub-ext", "cmp", mask | 0x1f, sfBit | 0x6b20001f, [rnSp, extendedRm(sf, 2), ext(true)], amountOk),
    );
    out.push(
      form("addsub-ext", "subs", mask, sfBit | 0x6b200000, [rd(r), rnSp, extendedRm(sf, 3), ext(true)], amountOk),
    );
  }
  return out;
}

// -- Add/subtract with carry ------------------------------------------------------------

function carryForms(): Form[] {
  const out: Form[] = [];
  for (const [sf, r] of widths) {
    const mask = 0xffe0fc00;
    const sfBit = place(sf, 31, 1);
    out.push(form("addsub-carry", "adc", mask, sfBit | 0x1a000000, [rd(r), rn(r), rm(r)]));
    out.push(form("addsub-carry", "adcs", mask, sfBit | 0x3a000000, [rd(r), rn(r), rm(r)]));
    out.push(form("addsub-carry", "ngc", mask | 0x3e0, sfBit | 0x5a0003e0, [rd(r), rm(r)]));
    out.push(form("addsub-carry", "sbc", mask, sfBit | 0x5a000000, [rd(r), rn(r), rm(r)]));
    out.push(form("addsub-carry", "ngcs", mask | 0x3e0, sfBit | 0x7a0003e0, [rd(r), rm(r)]));
    out.push(form("addsub-carry", "sbcs", mask, sfBit | 0x7a000000, [rd(r), rn(r), rm(r)]));
  }
  return out;
}

// -- Conditional compare and select --------------------------------------------------------

function condCompareForms(): Form[] {
  const out: Form[] = [];
  const nzcv = imm(0, 4);
  for (const [sf, r] of widths) {
    const sfBit = place(sf, 31, 1);
    const mask = 0xffe00c10;
    for (const [op, name] of [
      [0, "ccmn"],
      [1, "ccmp"],
    ] as const) {
      const value = (sfBit | place(op, 30, 1) | 0x3a400000) >>> 0;
      out.push(form("ccmp", name, mask, value, [rn(r), rm(r), nzcv, condition(12)]));
      out.push(form("ccmp", name, mask, value | 0x800, [rn(r), imm(16, 5), nzcv, condition(12)]));
    }
  }
  return out;
}

function condSelectForms(): Form[] {
  const out: Form[] = [];
  for (const [sf, r] of widths) {
    const sfBit = place(sf, 31, 1);
    const mask = 0xffe00c00;
    const notAlways = (w: number): boolean => field(w, 13, 3) !== 7;
    const sameNm = (w: number): boolean => rOf(w, 5) === rOf(w, 16);
    const rnm = gprMulti([5, 16], r, "zr");
    const inverted = condition(12, true);
    const csel = sfBit | 0x1a800000;
    const csinc = sfBit | 0x1a800400;
    const csinv = sfBit | 0x5a800000;
    const csneg = sfBit | 0x5a800400;
    out.push(form("csel", "csel", mask, csel, [rd(r), rn(r), rm(r), condition(12)]));
    out.push(form("csel", "cset", mask | 0x1f03e0, csinc | 0x1f03e0, [rd(r), inverted], notAlways));
    out.push(form("csel", "cinc", mask, csinc, [rd(r), rnm, inverted], (w) => notAlways(w) && sameNm(w)));
    out.push(form("csel", "csinc", mask, csinc, [rd(r), rn(r), rm(r), condition(12)]));
    out.push(form("csel", "csetm", mask | 0x1f03e0, csinv | 0x1f03e0, [rd(r), inverted], notAlways));
    out.push(form("csel", "cinv", mask, csinv, [rd(r), rnm, inverted], (w) => notAlways(w) && sameNm(w)));
    out.push(form("csel", "csinv", mask, csinv, [rd(r), rn(r), rm(r), condition(12)]));
    out.push(form("csel", "cneg", mask, csneg, [rd(r), rnm, inverted], (w) => notAlways(w) && sameNm(w)));
    out.push(form("csel", "csneg", mask, csneg, [rd(r), rn(r), rm(r), condition(12)]));
  }
  return out;
}

// -- Data processing, three sources ---------------------------------------------------------

function threeSourceForms(): Form[] {
  const out: Form[] = [];
  const mask = 0xffe08000;
  const raZero = mask | 0x7c00;
  for (const [sf, r] of widths) {
    const sfBit = place(sf, 31, 1);
    const ra = gpr(10, r, "zr");
    out.push(form("dp3", "mul", raZero, sfBit | 0x1b007c00, [rd(r), rn(r), rm(r)]));
    out.push(form("dp3", "madd", mask, sfBit | 0x1b000000, [rd(r), rn(r), rm(r), ra]));
    out.push(form("dp3", "mneg", raZero, sfBit | 0x1b00fc00, [rd(r), rn(r), rm(r)]));
    out.push(form("dp3", "msub", mask, sfBit | 0x1b008000, [rd(r), rn(r), rm(r), ra]));
  }
  const xd = rd("x");
  const wn = rn("w");
  const wm = rm("w");
  const xa = gpr(10, "x", "zr");
  const long: [number, string, string][] = [
    [0x9b200000, "smull", "smaddl"],
    [0x9b208000, "smnegl", "smsubl"],
    [0x9ba00000, "umull", "umaddl"],
    [0x9ba08000, "umnegl", "umsubl"],
  ];
  for (const [value, alias, name] of long) {
    out.push(form("dp3", alias, raZero, value | 0x7c00, [xd, wn, wm]));
    out.push(form("dp3", name, mask, value, [xd, wn, wm, xa]));
  }
  // Ra "should be" 11111 for smulh/umulh; binutils ignores it.
  const raOnes = (w: number): number => w | 0x7c00;
  out.push(withCanonical(form("dp3", "smulh", mask, 0x9b400000, [xd, rn("x"), rm("x")]), raOnes));
  out.push(withCanonical(form("dp3", "umulh", mask, 0x9bc00000, [xd, rn("x"), rm("x")]), raOnes));
  return out;
}

// -- Data processing, two sources ---------------------------------------------------------

function twoSourceForms(): (Form | ReturnType<typeof hole>)[] {
  const out: (Form | ReturnType<typeof hole>)[] = [];
  const mask = 0xffe0fc00;
  const ops: [number, string][] = [
    [0x02, "udiv"],
    [0x03, "sdiv"],
    [0x08, "lsl"],
    [0x09, "lsr"],
    [0x0a, "asr"],
    [0x0b, "ror"],
  ];
  for (const [sf, r] of widths) {
    for (const [opcode, name] of ops) {
      out.push(
        form("dp2", name, mask, (place(sf, 31, 1) | 0x1ac00000 | place(opcode, 10, 6)) >>> 0, [rd(r), rn(r), rm(r)]),
      );
    }
  }
  const crc = ["crc32b", "crc32h", "crc32w", "crc32x", "crc32cb", "crc32ch", "crc32cw", "crc32cx"];
  crc.forEach((name, i) => {
    const sf = (i & 3) === 3 ? 1 : 0;
    const opcode = 0x10 | ((i & 4) << 0) | (i & 3);
    out.push(
      form("dp2", name, mask, (place(sf, 31, 1) | 0x1ac00000 | place(opcode, 10, 6)) >>> 0, [
        rd("w"),
        rn("w"),
        rm(sf === 1 ? "x" : "w"),
      ]),
    );
  });
  // Memory tagging, pointer authentication and CSSC min/max: not modeled.
  for (const opcode of [0x00, 0x04, 0x05, 0x0c])
    out.push(hole("dp2", 0x7fe0fc00 & ~0x20000000, 0x1ac00000 | place(opcode, 10, 6)));
  out.push(hole("dp2", 0x5fe0f000, 0x1ac06000));
  return out;
}

// -- Data processing, one source ---------------------------------------------------------

function oneSourceForms(): (Form | ReturnType<typeof hole>)[] {
  const out: (Form | ReturnType<typeof hole>)[] = [];
  const mask = 0xfffffc00;
  const ops: [number, number, string][] = [
    [0, 0x00, "rbit"],
    [0, 0x01, "rev16"],
    [0, 0x02, "rev"],
    [0, 0x04, "clz"],
    [0, 0x05, "cls"],
    [1, 0x00, "rbit"],
    [1, 0x01, "rev16"],
    [1, 0x02, "rev32"],
    [1, 0x03, "rev"],
    [1, 0x04, "clz"],
    [1, 0x05, "cls"],
  ];
  for (const [sf, opcode, name] of ops) {
    const r: GprWidth = sf === 1 ? "x" : "w";
    out.push(form("dp1", name, mask, (place(sf, 31, 1) | 0x5ac00000 | place(opcode, 10, 6)) >>> 0, [rd(r), rn(r)]));
  }
  // CSSC ctz/cnt/abs: not modeled.
  out.push(hole("dp1", 0x7ffff800, 0x5ac01800));
  out.push(hole("dp1", 0x7ffffc00, 0x5ac02000));
  return out;
}

export const dataRegisterTable: GroupTable = {
  groups: [
    { id: "logic-reg", mask: 0x1f000000, value: 0x0a000000 },
    { id: "addsub-shift", mask: 0x1f200000, value: 0x0b000000 },
    { id: "addsub-ext", mask: 0x1f200000, value: 0x0b200000 },
    { id: "addsub-carry", mask: 0x1fe0fc00, value: 0x1a000000 },
    { id: "ccmp", mask: 0x1fe00000, value: 0x1a400000 },
    { id: "csel", mask: 0x1fe00000, value: 0x1a800000 },
    { id: "dp3", mask: 0x1f000000, value: 0x1b000000 },
    { id: "dp2", mask: 0x5fe00000, value: 0x1ac00000 },
    { id: "dp1", mask: 0x5fff0000, value: 0x5ac00000 },
  ],
  entries: [
    ...logicalForms(),
    ...addSubShiftedForms(),
    ...addSubExtendedForms(),
    ...carryForms(),
    ...condCompareForms(),
    ...condSelectForms(),
    ...threeSourceForms(),
    ...twoSourceForms(),
    ...oneSourceForms(),
  ],
};
