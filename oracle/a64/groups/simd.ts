// AdvSIMD modified immediate: movi/mvni/orr/bic/fmov (vector) and the scalar
// `movi d0, #imm64` LuaJIT uses for FP constants whose bytes are 0x00 or 0xff.
import { field, hex, place } from "../bits.ts";
import { type Form, form, type GroupTable } from "../form.ts";
import { encodeFpImm, formatFpImm, fpImmValue } from "../fpimm.ts";
import { custom, fpr, type Operand } from "../operand.ts";
import { parseImmediate } from "../syntax.ts";

/** abc:defgh, the 8-bit immediate split over bits 18:16 and 9:5. */
const imm8 = (w: number): number => (field(w, 16, 3) << 5) | field(w, 5, 5);
const placeImm8 = (v: number): number => (place(v >> 5, 16, 3) | place(v & 31, 5, 5)) >>> 0;

function vector(arrangement: string): Operand {
  return custom(
    (w) => `v${field(w, 0, 5)}.${arrangement}`,
    (t) => {
      const m = /^v(\d+)\.(\w+)$/i.exec(t?.trim() ?? "");
      const n = m ? Number(m[1]) : NaN;
      return m && m[2]?.toLowerCase() === arrangement && n <= 31 ? place(n, 0, 5) : undefined;
    },
  );
}

const byteImm: Operand = custom(
  (w) => `#0x${hex(imm8(w))}`,
  (t) => {
    const v = parseImmediate(t);
    return v === undefined || v < 0n || v > 255n ? undefined : placeImm8(Number(v));
  },
);

/** Each imm8 bit stands for a whole byte of the 64-bit value. */
const byteMaskImm: Operand = custom(
  (w) => {
    const v = imm8(w);
    let out = 0n;
    for (let i = 0; i < 8; i++) if ((v >> i) & 1) out |= 0xffn << BigInt(8 * i);
    return `#0x${hex(out)}`;
  },
  (t) => {
    const v = parseImmediate(t);
    if (v === undefined) return undefined;
    const u = BigInt.asUintN(64, v);
    let bits = 0;
    for (let i = 0; i < 8; i++) {
      const byte = (u >> BigInt(8 * i)) & 0xffn;
      if (byte === 0xffn) bits |= 1 << i;
      else if (byte !== 0n) return undefined;
    }
    return placeImm8(bits);
  },
);

const fpImm: Operand = custom(
  (w) => `#${formatFpImm(fpImmValue(imm8(w)))}`,
  (t) => {
    if (t === undefined || !t.trim().startsWith("#")) return undefined;
    const v = encodeFpImm(t.trim().slice(1));
    return v === undefined ? undefined : placeImm8(v);
  },
);

/** Fixed "lsl #n"/"msl #n" text of a cmode, left out for lsl #0. */
function shiftText(text: string): Operand {
  return custom(
    () => text,
    (t) => {
      if (t === undefined) return text === "" ? 0 : undefined;
      return t.trim().toLowerCase().replace(/\s+/g, " ") === text ? 0 : undefined;
    },
  );
}

function modifiedImmediateForms(): Form[] {
  const out: Form[] = [];
  const mask = 0xfff8fc00;
  const base = 0x0f000400;
  for (let q = 0; q < 2; q++) {
    const s32 = q === 1 ? "4s" : "2s";
    const s16 = q === 1 ? "8h" : "4h";
    const s8 = q === 1 ? "16b" : "8b";
    for (let op = 0; op < 2; op++) {
      for (let cmode = 0; cmode < 16; cmode++) {
        const value = (base | place(q, 30, 1) | place(op, 29, 1) | place(cmode, 12, 4)) >>> 0;
        const add = (name: string, ops: Operand[]): void => {
          out.push(form("simd-modimm", name, mask, value, ops));
        };
        if ((cmode & 0b1000) === 0) {
          const shift = 8 * ((cmode >> 1) & 3);
          const name = (cmode & 1) === 0 ? (op === 0 ? "movi" : "mvni") : op === 0 ? "orr" : "bic";
          add(name, [vector(s32), byteImm, shiftText(shift === 0 ? "" : `lsl #${shift}`)]);
        } else if ((cmode & 0b1100) === 0b1000) {
          const shift = 8 * ((cmode >> 1) & 1);
          const name = (cmode & 1) === 0 ? (op === 0 ? "movi" : "mvni") : op === 0 ? "orr" : "bic";
          add(name, [vector(s16), byteImm, shiftText(shift === 0 ? "" : `lsl #${shift}`)]);
        } else if ((cmode & 0b1110) === 0b1100) {
          add(op === 0 ? "movi" : "mvni", [vector(s32), byteImm, shiftText(`msl #${(cmode & 1) === 0 ? 8 : 16}`)]);
        } else if (cmode === 0b1110) {
          if (op === 0) add("movi", [vector(s8), byteImm]);
          else if (q === 0) add("movi", [fpr(0, "d"), byteMaskImm]);
          else add("movi", [vector("2d"), byteMaskImm]);
        } else if (op === 0) {
          add("fmov", [vector(s32), fpImm]);
        } else if (q === 1) {
          add("fmov", [vector("2d"), fpImm]);
        }
      }
    }
    // o2 = 1: only the half-precision fmov exists.
    out.push(form("simd-modimm", "fmov", mask, (0x0f00fc00 | place(q, 30, 1)) >>> 0, [vector(s16), fpImm]));
  }
  return out;
}

export const simdTable: GroupTable = {
  groups: [{ id: "simd-modimm", mask: 0x9ff80400, value: 0x0f000400 }],
  entries: modifiedImmediateForms(),
};
