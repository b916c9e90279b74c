// A finding's signature: what makes two hits the same bug. Verdict and signal
// say how it showed; the oracle's finding kind and the instruction it
// expected say where in the backend it points. A thousand programs that hit
// one bug share one signature.
import type { TargetResult } from "../execution/differential.ts";

export interface SignatureParts {
  readonly verdict: string;
  readonly signal: string | null;
  readonly oracleKind: string | null;
  readonly where: string | null;
}

export function signatureParts(result: TargetResult): SignatureParts {
  const first = result.oracle.findings[0];
  return {
    verdict: result.verdict,
    signal: result.signal,
    oracleKind: first?.kind ?? null,
    where: first?.where ?? null,
  };
}

/** The parts of a formatted signature ("-" read back as null). */
export function parseSignature(signature: string): SignatureParts {
  const [verdict = "", signal, oracleKind, ...where] = signature.split(":");
  const part = (s: string | undefined) => (s === undefined || s === "-" ? null : s);
  return { verdict, signal: part(signal), oracleKind: part(oracleKind), where: part(where.join(":") || undefined) };
}

export function formatSignature(parts: SignatureParts): string {
  return [parts.verdict, parts.signal ?? "-", parts.oracleKind ?? "-", parts.where ?? "-"].join(":");
}

export function signatureOf(result: TargetResult): string {
  return formatSignature(signatureParts(result));
}

/** A folder name for a signature: readable, and safe on every filesystem. */
export function signatureSlug(signature: string): string {
  return signature
    .replace(/:-/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}
