// An operand knows the bits it stands for in both directions: how objdump
// prints them and how to read that text back. Forms are lists of operands,
// so one table drives the decoder and the encoder alike.
import { field, hex, place, signExtend } from "./bits.ts";
import {
  CONDITIONS,
  type FprView,
  fprName,
  type GprWidth,
  gprName,
  parseCondition,
  parseFpr,
  parseGpr,
  type Reg31,
} from "./registers.ts";
import { parseImmediate, parseInteger, parseSmallImmediate } from "./syntax.ts";

export interface Operand {
  /** The operand's text, or "" when objdump leaves it out (a default). */
  render(word: number, pc: number): string;
  /**
   * The bits the text stands for, or undefined when it does not fit this
   * operand. `text` is undefined when the operand is absent from the input.
   */
  parse(text: string | undefined, pc: number, all?: readonly (string | undefined)[]): number | undefined;
}

/** An operand from a pair of functions, for the one-off shapes of aliases. */
export function custom(render: Operand["render"], parse: Operand["parse"]): Operand {
  return { render, parse };
}

// -- Registers ---------------------------------------------------------------

export function gpr(lo: number, width: GprWidth, r31: Reg31): Operand {
  return {
    render: (w) => gprName(field(w, lo, 5), width, r31),
    parse: (t) => {
      if (t === undefined) return undefined;
      const n = parseGpr(t, width, r31);
      return n === undefined ? undefined : place(n, lo, 5);
    },
  };
}

/** One register text written into several fields (Rn = Rm for `ror`, say). */
export function gprMulti(los: readonly number[], width: GprWidth, r31: Reg31): Operand {
  const first = los[0] ?? 0;
  return {
    render: (w) => gprName(field(w, first, 5), width, r31),
    parse: (t) => {
      if (t === undefined) return undefined;
      const n = parseGpr(t, width, r31);
      if (n === undefined) return undefined;
      let bits = 0;
      for (const lo of los) bits |= place(n, lo, 5);
      return bits >>> 0;
    },
  };
}

export function fpr(lo: number, view: FprView): Operand {
  return {
    render: (w) => fprName(field(w, lo, 5), view),
    parse: (t) => {
      if (t === undefined) return undefined;
      const n = parseFpr(t, view);
      return n === undefined ? undefined : place(n, lo, 5);
    },
  };
}

// -- Immediates --------------------------------------------------------------

export interface ImmOptions {
  /** Print as #0x… (default) or as decimal. */
  readonly decimal?: boolean;
  /** Field is two's complement. */
  readonly signed?: boolean;
  /** Value is field << scale. */
  readonly scale?: number;
  /** Value is field + offset (e.g. width-1 encodings). */
  readonly offset?: number;
}

/** `#value` from one field, scaled and/or signed. */
export function imm(lo: number, width: number, opts: ImmOptions = {}): Operand {
  const scale = opts.scale ?? 0;
  const offset = opts.offset ?? 0;
  return {
    render: (w) => {
      const raw = field(w, lo, width);
      const v = (opts.signed ? signExtend(raw, width) : raw) * 2 ** scale + offset;
      return opts.decimal ? `#${v}` : `#0x${hex(v)}`;
    },
    parse: (t) => {
      const v = parseImmediate(t);
      if (v === undefined) return undefined;
      let n = Number(v) - offset;
      if (n % 2 ** scale !== 0) return undefined;
      n /= 2 ** scale;
      const min = opts.signed ? -(2 ** (width - 1)) : 0;
      const max = opts.signed ? 2 ** (width - 1) - 1 : 2 ** width - 1;
      if (n < min || n > max) return undefined;
      return place(n, lo, width);
    },
  };
}

/** An operand that is present only when some bits say so, else left out. */
export function optionalText(
  present: (w: number) => boolean,
  text: (w: number) => string,
  parse: (t: string) => number | undefined,
): Operand {
  return {
    render: (w) => (present(w) ? text(w) : ""),
    parse: (t) => (t === undefined ? 0 : parse(t)),
  };
}

/** `lsl #12` of add/sub immediate (bit 22), left out when clear. */
export const lsl12: Operand = optionalText(
  (w) => field(w, 22, 1) === 1,
  () => "lsl #12",
  (t) => {
    const m = /^lsl\s+#(\d+)$/i.exec(t.trim());
    if (!m) return undefined;
    if (m[1] === "12") return place(1, 22, 1);
    return m[1] === "0" ? 0 : undefined;
  },
);

// -- Shifts and extends ------------------------------------------------------

export const SHIFTS = ["lsl", "lsr", "asr", "ror"] as const;
export const EXTENDS = ["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"] as const;

/** Shifted-register `shift #amount` (type at 22, amount at 10), left out for lsl #0. */
export function shiftOperand(amountWidth: number): Operand {
  return {
    render: (w) => {
      const type = field(w, 22, 2);
      const amount = field(w, 10, amountWidth);
      if (type === 0 && amount === 0) return "";
      return `${SHIFTS[type] ?? "?"} #${amount}`;
    },
    parse: (t) => {
      if (t === undefined) return 0;
      const m = /^(lsl|lsr|asr|ror)\s+#(.+)$/i.exec(t.trim());
      if (!m) return undefined;
      const type = (SHIFTS as readonly string[]).indexOf((m[1] ?? "").toLowerCase());
      const amount = parseSmallImmediate(`#${m[2] ?? ""}`, 0, 2 ** amountWidth - 1);
      if (amount === undefined) return undefined;
      return (place(type, 22, 2) | place(amount, 10, amountWidth)) >>> 0;
    },
  };
}

// -- Conditions --------------------------------------------------------------

export function condition(lo: number, invert = false): Operand {
  return {
    render: (w) => CONDITIONS[field(w, lo, 4) ^ (invert ? 1 : 0)] ?? "?",
    parse: (t) => {
      if (t === undefined) return undefined;
      const c = parseCondition(t);
      return c === undefined ? undefined : place(c ^ (invert ? 1 : 0), lo, 4);
    },
  };
}

// -- PC-relative targets -----------------------------------------------------

/** An address as objdump prints a branch target: bare hex, 64-bit wrapped. */
export function formatAddress(address: bigint): string {
  return BigInt.asUintN(64, address).toString(16);
}

/** Reads a target address printed by formatAddress (a 0x prefix is accepted). */
export function parseAddress(text: string): bigint | undefined {
  const t = text.trim().toLowerCase();
  const m = /^(?:0x)?([0-9a-f]+)$/.exec(t);
  if (!m) return undefined;
  return BigInt.asIntN(64, BigInt(`0x${m[1] ?? "0"}`));
}

/** Branch/literal target: pc + signExtend(field) * 4. */
export function label(lo: number, width: number): Operand {
  return {
    render: (w, pc) => formatAddress(BigInt(pc) + BigInt(signExtend(field(w, lo, width), width) * 4)),
    parse: (t, pc) => {
      if (t === undefined) return undefined;
      const target = parseAddress(t);
      if (target === undefined) return undefined;
      const delta = BigInt.asIntN(64, target - BigInt(pc));
      if (delta % 4n !== 0n) return undefined;
      const units = delta / 4n;
      const limit = 1n << BigInt(width - 1);
      if (units < -limit || units >= limit) return undefined;
      return place(Number(units), lo, width);
    },
  };
}

// -- Numbers -----------------------------------------------------------------

/** Parses "#n" for a value that must equal one of the given candidates' value. */
export function parseImmNumber(t: string | undefined): number | undefined {
  const v = parseImmediate(t);
  return v === undefined ? undefined : Number(v);
}

export { parseInteger };
