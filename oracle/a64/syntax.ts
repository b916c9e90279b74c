// Lexical helpers shared by the operand parsers: splitting an operand list and
// reading immediates the way objdump writes them (#0x10, #16, #-8).

/**
 * Splits "x0, [x1, #8]!, #4" at the commas that are not inside brackets or
 * braces: ["x0", "[x1, #8]!", "#4"].
 */
export function splitOperands(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== "" || parts.length > 0) parts.push(last);
  return parts;
}

/** An integer literal with optional sign and 0x prefix, as a bigint. */
export function parseInteger(text: string): bigint | undefined {
  const m = /^([+-]?)(0x[0-9a-f]+|\d+)$/i.exec(text.trim());
  if (!m) return undefined;
  const magnitude = BigInt(m[2] ?? "0");
  return m[1] === "-" ? -magnitude : magnitude;
}

/** An immediate operand "#…" as a bigint (the # is required). */
export function parseImmediate(text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!t.startsWith("#")) return undefined;
  return parseInteger(t.slice(1));
}

/** A small immediate that must lie in [min, max]. */
export function parseSmallImmediate(text: string | undefined, min: number, max: number): number | undefined {
  const v = parseImmediate(text);
  if (v === undefined || v < BigInt(min) || v > BigInt(max)) return undefined;
  return Number(v);
}

/**
 * Canonical spelling of an instruction text for comparison: lowercase, one
 * space after the mnemonic, ", " between operands, integers in decimal.
 */
export function canonicalText(text: string): string {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  const space = t.indexOf(" ");
  if (space < 0) return t;
  const mnemonic = t.slice(0, space);
  const operands = splitOperands(t.slice(space + 1)).map(canonicalOperand);
  return `${mnemonic} ${operands.join(", ")}`;
}

function canonicalOperand(op: string): string {
  return op
    .replace(/\s*,\s*/g, ", ")
    .replace(/#([+-]?(?:0x[0-9a-f]+|\d+(?:\.\d*)?(?:e[+-]?\d+)?))/g, (_all, n: string) => {
      if (/^[+-]?(0x[0-9a-f]+|\d+)$/.test(n)) return `#${parseInteger(n)?.toString() ?? n}`;
      return `#${Number(n).toString()}`;
    });
}
