// The 8-bit floating-point immediate of fmov: ±(16 + m)/16 × 2^e with e in
// [-3, 4], printed by binutils as C's "%.18e" (e.g. #2.000000000000000000e+00).

/** The value an imm8 stands for (VFPExpandImm). */
export function fpImmValue(imm8: number): number {
  const sign = (imm8 & 0x80) !== 0 ? -1 : 1;
  const exponent = (((imm8 >> 4) & 7) ^ 4) - 3;
  return (sign * (16 + (imm8 & 15)) * 2 ** exponent) / 16;
}

/** C printf "%.18e" for the (exactly representable) immediate values. */
export function formatFpImm(value: number): string {
  return value.toExponential(18).replace(/e([+-])(\d)$/, "e$10$2");
}

/** The imm8 for a printed value, or undefined when no imm8 makes it. */
export function encodeFpImm(text: string): number | undefined {
  const v = Number(text.trim());
  if (!Number.isFinite(v)) return undefined;
  for (let imm8 = 0; imm8 < 256; imm8++) if (fpImmValue(imm8) === v) return imm8;
  return undefined;
}
