// Branches, exception generation and hints: b/bl, b.cond (and bc.cond),
// cbz/cbnz, tbz/tbnz, the register branches with their pointer-authentication
// variants, svc/brk/udf-like exception words, and the hint space (nop, bti…).
import { field, place } from "../bits.ts";
import { type Form, form, type GroupTable } from "../form.ts";
import { custom, gpr, imm, label, type Operand, optionalText } from "../operand.ts";
import { CONDITIONS } from "../registers.ts";
import { parseSmallImmediate } from "../syntax.ts";

function immediateBranches(): Form[] {
  const out: Form[] = [
    form("branch-imm", "b", 0xfc000000, 0x14000000, [label(0, 26)]),
    form("branch-imm", "bl", 0xfc000000, 0x94000000, [label(0, 26)]),
  ];
  CONDITIONS.forEach((cond, i) => {
    out.push(form("cond-branch", `b.${cond}`, 0xff00001f, 0x54000000 | i, [label(5, 19)]));
    out.push(form("cond-branch", `bc.${cond}`, 0xff00001f, 0x54000010 | i, [label(5, 19)]));
  });
  for (const [sf, r] of [
    [0, "w"],
    [1, "x"],
  ] as const) {
    out.push(
      form("cmp-branch", "cbz", 0xff000000, (place(sf, 31, 1) | 0x34000000) >>> 0, [gpr(0, r, "zr"), label(5, 19)]),
    );
    out.push(
      form("cmp-branch", "cbnz", 0xff000000, (place(sf, 31, 1) | 0x35000000) >>> 0, [gpr(0, r, "zr"), label(5, 19)]),
    );
    // The bit number's top bit (b5) is bit 31, which also picks the register view.
    const bitNumber: Operand = custom(
      (w) => `#${(field(w, 31, 1) << 5) | field(w, 19, 5)}`,
      (t) => {
        const n = parseSmallImmediate(t, sf * 32, sf * 32 + 31);
        return n === undefined ? undefined : place(n & 31, 19, 5);
      },
    );
    out.push(
      form("test-branch", "tbz", 0xff000000, (place(sf, 31, 1) | 0x36000000) >>> 0, [
        gpr(0, r, "zr"),
        bitNumber,
        label(5, 14),
      ]),
    );
    out.push(
      form("test-branch", "tbnz", 0xff000000, (place(sf, 31, 1) | 0x37000000) >>> 0, [
        gpr(0, r, "zr"),
        bitNumber,
        label(5, 14),
      ]),
    );
  }
  return out;
}

/** The register of `ret`: printed only when it is not x30 (which is also the default when absent). */
const retRegister: Operand = custom(
  (w) => (field(w, 5, 5) === 30 ? "" : field(w, 5, 5) === 31 ? "xzr" : `x${field(w, 5, 5)}`),
  (t) => {
    if (t === undefined) return place(30, 5, 5);
    const s = t.trim().toLowerCase();
    const n = s === "xzr" ? 31 : /^x(\d+)$/.test(s) ? Number(s.slice(1)) : NaN;
    return n <= 31 ? place(n, 5, 5) : undefined;
  },
);

function registerBranches(): Form[] {
  const xn = gpr(5, "x", "zr");
  const xm = gpr(0, "x", "sp");
  const all = 0xffffffff;
  const noLow = 0xfffffc1f;
  const out: Form[] = [
    form("branch-reg", "br", noLow, 0xd61f0000, [xn]),
    form("branch-reg", "braaz", noLow, 0xd61f081f, [xn]),
    form("branch-reg", "brabz", noLow, 0xd61f0c1f, [xn]),
    form("branch-reg", "blr", noLow, 0xd63f0000, [xn]),
    form("branch-reg", "blraaz", noLow, 0xd63f081f, [xn]),
    form("branch-reg", "blrabz", noLow, 0xd63f0c1f, [xn]),
    // `ret` leaves out x30, the default.
    form("branch-reg", "ret", noLow, 0xd65f0000, [retRegister]),
    form("branch-reg", "retaa", all, 0xd65f0bff, []),
    form("branch-reg", "retab", all, 0xd65f0fff, []),
    form("branch-reg", "eret", all, 0xd69f03e0, []),
    form("branch-reg", "eretaa", all, 0xd69f0bff, []),
    form("branch-reg", "eretab", all, 0xd69f0fff, []),
    form("branch-reg", "drps", all, 0xd6bf03e0, []),
    form("branch-reg", "braa", 0xfffffc00, 0xd71f0800, [xn, xm]),
    form("branch-reg", "brab", 0xfffffc00, 0xd71f0c00, [xn, xm]),
    form("branch-reg", "blraa", 0xfffffc00, 0xd73f0800, [xn, xm]),
    form("branch-reg", "blrab", 0xfffffc00, 0xd73f0c00, [xn, xm]),
  ];
  return out;
}

function exceptionForms(): Form[] {
  const imm16 = imm(5, 16);
  const optImm16 = optionalText(
    (w) => field(w, 5, 16) !== 0,
    (w) => `#0x${field(w, 5, 16).toString(16)}`,
    (t) => {
      const n = parseSmallImmediate(t, 0, 0xffff);
      return n === undefined ? undefined : place(n, 5, 16);
    },
  );
  const mask = 0xffe0001f;
  return [
    form("exception", "svc", mask, 0xd4000001, [imm16]),
    form("exception", "hvc", mask, 0xd4000002, [imm16]),
    form("exception", "smc", mask, 0xd4000003, [imm16]),
    form("exception", "brk", mask, 0xd4200000, [imm16]),
    form("exception", "hlt", mask, 0xd4400000, [imm16]),
    form("exception", "tcancel", mask, 0xd4600000, [imm(5, 16, { decimal: true })]),
    form("exception", "dcps1", mask, 0xd4a00001, [optImm16]),
    form("exception", "dcps2", mask, 0xd4a00002, [optImm16]),
    form("exception", "dcps3", mask, 0xd4a00003, [optImm16]),
  ];
}

/** Hint numbers (CRm:op2) that binutils prints by name. */
const HINTS: Readonly<Record<number, string>> = {
  0: "nop",
  1: "yield",
  2: "wfe",
  3: "wfi",
  4: "sev",
  5: "sevl",
  7: "xpaclri",
  8: "pacia1716",
  10: "pacib1716",
  12: "autia1716",
  14: "autib1716",
  16: "esb",
  17: "psb csync",
  18: "tsb csync",
  20: "csdb",
  22: "clearbhb",
  24: "paciaz",
  25: "paciasp",
  26: "pacibz",
  27: "pacibsp",
  28: "autiaz",
  29: "autiasp",
  30: "autibz",
  31: "autibsp",
  32: "bti",
  34: "bti c",
  36: "bti j",
  38: "bti jc",
};

function hintForms(): Form[] {
  const out: Form[] = [];
  for (const [n, text] of Object.entries(HINTS)) {
    const [mnemonic = "", operand] = text.split(" ");
    const ops: Operand[] =
      operand === undefined
        ? []
        : [
            custom(
              () => operand,
              (t) => (t?.trim().toLowerCase() === operand ? 0 : undefined),
            ),
          ];
    out.push(form("hint", mnemonic, 0xffffffff, (0xd503201f | place(Number(n), 5, 7)) >>> 0, ops));
  }
  out.push(form("hint", "hint", 0xfffff01f, 0xd503201f, [imm(5, 7)]));
  return out;
}

export const branchTable: GroupTable = {
  groups: [
    { id: "branch-imm", mask: 0x7c000000, value: 0x14000000 },
    { id: "cond-branch", mask: 0xfe000000, value: 0x54000000 },
    { id: "cmp-branch", mask: 0x7e000000, value: 0x34000000 },
    { id: "test-branch", mask: 0x7e000000, value: 0x36000000 },
    { id: "branch-reg", mask: 0xfe000000, value: 0xd6000000 },
    { id: "exception", mask: 0xff000000, value: 0xd4000000 },
    { id: "hint", mask: 0xfffff01f, value: 0xd503201f },
  ],
  entries: [...immediateBranches(), ...registerBranches(), ...exceptionForms(), ...hintForms()],
};
