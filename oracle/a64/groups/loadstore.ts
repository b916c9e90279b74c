// Loads and stores: register (unsigned offset, unscaled, pre/post-index,
// unprivileged, register offset), pair (offset, pre/post-index, no-allocate)
// and literal. The (size, V, opc) table decides the mnemonic, the register
// view and the scale; what the table leaves out is unallocated.

import { memBase, memOffset, memRegister, postOffset } from "../addressing.ts";
import { field, place } from "../bits.ts";
import { type Form, form, type GroupTable } from "../form.ts";
import { custom, fpr, gpr, label, type Operand } from "../operand.ts";
import type { FprView } from "../registers.ts";

/** What the transfer register is: a GPR view, an FP/SIMD view, or a prefetch op. */
type Transfer = { readonly gpr: "w" | "x" } | { readonly fpr: FprView } | { readonly prefetch: true };

interface RegisterKind {
  readonly size: number;
  readonly v: number;
  readonly opc: number;
  /** Mnemonic of the unsigned-offset form; others derive from it. */
  readonly name: string;
  readonly transfer: Transfer;
  /** log2 of the access size in bytes: the offset scale. */
  readonly scale: number;
}

function kinds(): RegisterKind[] {
  const out: RegisterKind[] = [];
  const add = (size: number, v: number, opc: number, name: string, transfer: Transfer, scale: number): void => {
    out.push({ size, v, opc, name, transfer, scale });
  };
  const suffix = ["b", "h", "", ""];
  for (let size = 0; size < 4; size++) {
    const sfx = suffix[size] ?? "";
    add(size, 0, 0, `str${sfx}`, { gpr: size === 3 ? "x" : "w" }, size);
    add(size, 0, 1, `ldr${sfx}`, { gpr: size === 3 ? "x" : "w" }, size);
  }
  add(0, 0, 2, "ldrsb", { gpr: "x" }, 0);
  add(0, 0, 3, "ldrsb", { gpr: "w" }, 0);
  add(1, 0, 2, "ldrsh", { gpr: "x" }, 1);
  add(1, 0, 3, "ldrsh", { gpr: "w" }, 1);
  add(2, 0, 2, "ldrsw", { gpr: "x" }, 2);
  add(3, 0, 2, "prfm", { prefetch: true }, 3);
  const views: FprView[] = ["b", "h", "s", "d"];
  for (let size = 0; size < 4; size++) {
    const view = views[size] ?? "b";
    add(size, 1, 0, "str", { fpr: view }, size);
    add(size, 1, 1, "ldr", { fpr: view }, size);
  }
  add(0, 1, 2, "str", { fpr: "q" }, 4);
  add(0, 1, 3, "ldr", { fpr: "q" }, 4);
  return out;
}

const PRF_TYPES = ["pld", "pli", "pst"];
const PRF_TARGETS = ["l1", "l2", "l3"];
const PRF_POLICIES = ["keep", "strm"];

/** Prefetch operation name, or #0x.. for the values without a name. */
function prfopName(n: number): string {
  const type = PRF_TYPES[n >> 3];
  const target = PRF_TARGETS[(n >> 1) & 3];
  const policy = PRF_POLICIES[n & 1];
  if (type === undefined || target === undefined || policy === undefined)
    return `#0x${n.toString(16).padStart(2, "0")}`;
  return `${type}${target}${policy}`;
}

const prfop: Operand = custom(
  (w) => prfopName(field(w, 0, 5)),
  (t) => {
    if (t === undefined) return undefined;
    const s = t.trim().toLowerCase();
    for (let n = 0; n < 32; n++) if (prfopName(n) === s) return n;
    const m = /^#(0x[0-9a-f]+|\d+)$/.exec(s);
    if (m) {
      const n = Number(m[1]);
      return n < 32 ? n : undefined;
    }
    return undefined;
  },
);

function transferOperand(t: Transfer, lo: number): Operand {
  if ("gpr" in t) return gpr(lo, t.gpr, "zr");
  if ("fpr" in t) return fpr(lo, t.fpr);
  return prfop;
}

const kindBits = (k: RegisterKind): number => (place(k.size, 30, 2) | place(k.v, 26, 1) | place(k.opc, 22, 2)) >>> 0;
const KIND_MASK = 0xc4c00000;

function registerForms(): Form[] {
  const out: Form[] = [];
  for (const k of kinds()) {
    const rt = transferOperand(k.transfer, 0);
    const base = kindBits(k);
    // Unsigned scaled 12-bit offset.
    out.push(
      form("ldst-uimm", k.name, KIND_MASK | 0x3b000000, base | 0x39000000, [
        rt,
        memOffset(10, 12, k.scale, false, false),
      ]),
    );
    // Unscaled 9-bit signed offset: ldur/stur/prfum.
    const unscaled = k.name === "prfm" ? "prfum" : k.name.replace(/^(ld|st)r/, "$1ur");
    out.push(
      form("ldst-imm9", unscaled, KIND_MASK | 0x3b200c00, base | 0x38000000, [rt, memOffset(12, 9, 0, true, false)]),
    );
    if (k.name !== "prfm") {
      out.push(
        form("ldst-imm9", k.name, KIND_MASK | 0x3b200c00, base | 0x38000c00, [rt, memOffset(12, 9, 0, true, true)]),
      );
      out.push(
        form("ldst-imm9", k.name, KIND_MASK | 0x3b200c00, base | 0x38000400, [rt, memBase, postOffset(12, 9, 0)]),
      );
      if (k.v === 0) {
        const unpriv = k.name.replace(/^(ld|st)r/, "$1tr");
        out.push(
          form("ldst-imm9", unpriv, KIND_MASK | 0x3b200c00, base | 0x38000800, [rt, memOffset(12, 9, 0, true, false)]),
        );
      }
    }
    // Register offset; option<1> clear is unallocated.
    out.push(form("ldst-regoff", k.name, KIND_MASK | 0x3b204c00, base | 0x38204800, [rt, memRegister(k.scale)]));
  }
  return out;
}

interface PairKind {
  readonly opc: number;
  readonly v: number;
  readonly l: number;
  readonly name: string;
  readonly view: "w" | "x" | FprView;
  readonly scale: number;
  /** The no-allocate variant (ldnp/stnp) exists for this kind. */
  readonly noAllocate: boolean;
}

function pairKinds(): PairKind[] {
  const out: PairKind[] = [];
  for (const l of [0, 1]) {
    const name = l === 1 ? "ldp" : "stp";
    out.push({ opc: 0, v: 0, l, name, view: "w", scale: 2, noAllocate: true });
    out.push({ opc: 2, v: 0, l, name, view: "x", scale: 3, noAllocate: true });
    out.push({ opc: 0, v: 1, l, name, view: "s", scale: 2, noAllocate: true });
    out.push({ opc: 1, v: 1, l, name, view: "d", scale: 3, noAllocate: true });
    out.push({ opc: 2, v: 1, l, name, view: "q", scale: 4, noAllocate: true });
  }
  out.push({ opc: 1, v: 0, l: 1, name: "ldpsw", view: "x", scale: 2, noAllocate: false });
  out.push({ opc: 1, v: 0, l: 0, name: "stgp", view: "x", scale: 4, noAllocate: false });
  return out;
}

function pairForms(): Form[] {
  const out: Form[] = [];
  for (const k of pairKinds()) {
    const reg = (lo: number): Operand => (k.view === "w" || k.view === "x" ? gpr(lo, k.view, "zr") : fpr(lo, k.view));
    const rt = reg(0);
    const rt2 = reg(10);
    const base = (place(k.opc, 30, 2) | place(k.v, 26, 1) | place(k.l, 22, 1)) >>> 0;
    const mask = 0xc7c00000 | 0x3a000000;
    // binutils rejects ldpsw with Rt == Rt2, and with writeback onto Rt or Rt2
    // (it lets ldp pass with either).
    const ldpswOk = (w: number): boolean => {
      const rtN = field(w, 0, 5);
      const rt2N = field(w, 10, 5);
      const rnN = field(w, 5, 5);
      const writeback = field(w, 23, 2) !== 2;
      return rtN !== rt2N && !(writeback && rnN !== 31 && (rnN === rtN || rnN === rt2N));
    };
    const when = k.name === "ldpsw" ? ldpswOk : undefined;
    const modes: [number, string, readonly Operand[]][] = [
      [1, k.name, [rt, rt2, memBase, postOffset(15, 7, k.scale)]],
      [2, k.name, [rt, rt2, memOffset(15, 7, k.scale, true, false)]],
      [3, k.name, [rt, rt2, memOffset(15, 7, k.scale, true, true)]],
    ];
    if (k.noAllocate) modes.push([0, k.name.replace(/p$/, "np"), [rt, rt2, memOffset(15, 7, k.scale, true, false)]]);
    for (const [mode, name, ops] of modes) {
      out.push(form("ldst-pair", name, mask | 0x01800000, base | 0x28000000 | place(mode, 23, 2), ops, when));
    }
  }
  return out;
}

function literalForms(): Form[] {
  const lit = label(5, 19);
  const mask = 0xff000000;
  return [
    form("ldst-literal", "ldr", mask, 0x18000000, [gpr(0, "w", "zr"), lit]),
    form("ldst-literal", "ldr", mask, 0x58000000, [gpr(0, "x", "zr"), lit]),
    form("ldst-literal", "ldrsw", mask, 0x98000000, [gpr(0, "x", "zr"), lit]),
    form("ldst-literal", "prfm", mask, 0xd8000000, [prfop, lit]),
    form("ldst-literal", "ldr", mask, 0x1c000000, [fpr(0, "s"), lit]),
    form("ldst-literal", "ldr", mask, 0x5c000000, [fpr(0, "d"), lit]),
    form("ldst-literal", "ldr", mask, 0x9c000000, [fpr(0, "q"), lit]),
  ];
}

export const loadStoreTable: GroupTable = {
  groups: [
    { id: "ldst-pair", mask: 0x3a000000, value: 0x28000000 },
    { id: "ldst-uimm", mask: 0x3b000000, value: 0x39000000 },
    { id: "ldst-imm9", mask: 0x3b200000, value: 0x38000000 },
    { id: "ldst-regoff", mask: 0x3b200c00, value: 0x38200800 },
    { id: "ldst-literal", mask: 0x3b000000, value: 0x18000000 },
  ],
  entries: [...pairForms(), ...registerForms(), ...literalForms()],
};
