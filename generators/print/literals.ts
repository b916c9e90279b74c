/** Lua spellings of numbers: exact, and never ambiguous next to an operator. */

export function intLiteral(value: number, hex = false): string {
  if (!Number.isSafeInteger(value)) throw new Error(`integer literal ${value} is not exact`);
  if (hex && value >= 0) return `0x${value.toString(16)}`;
  if (hex) return `-0x${(-value).toString(16)}`;
  return String(value);
}

/** A double literal that parses back to exactly `value` (-0 is spelled as a division). */
export function fpLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`fp literal ${value} is not finite`);
  if (Object.is(value, -0)) return "-1 / math.huge";
  const s = String(value);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

export function int64Literal(value: bigint, unsigned: boolean): string {
  if (unsigned) {
    if (value < 0n || value >= 1n << 64n) throw new Error(`uint64 literal ${value} out of range`);
    return `0x${value.toString(16)}ULL`;
  }
  if (value < -(1n << 63n) || value >= 1n << 63n) throw new Error(`int64 literal ${value} out of range`);
  if (value === -(1n << 63n)) return "(-0x7fffffffffffffffLL - 1)";
  return value < 0n ? `-0x${(-value).toString(16)}LL` : `0x${value.toString(16)}LL`;
}

export function stringLiteral(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, "\\n")}"`;
}
