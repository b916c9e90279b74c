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

/**
 * A double-quoted string literal of `s`, whose chars are bytes (0..255):
 * printable ASCII as it is, other bytes as `\ddd` (three digits, so a digit
 * after one is not read as part of it). The result is plain ASCII.
 */
export function stringLiteral(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new Error(`string literal with a char above 0xff (${c}): strings are bytes`);
    if (c === 0x5c || c === 0x22) out += `\\${s[i]}`;
    else if (c === 0x0a) out += "\\n";
    else if (c < 0x20 || c >= 0x7f) out += `\\${String(c).padStart(3, "0")}`;
    else out += s[i];
  }
  return `"${out}"`;
}
