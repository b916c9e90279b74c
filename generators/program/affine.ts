import type { Affine, AffineTerm } from "./ast.ts";

/** The values of a `for` variable: min, min + step, …, max (step 1 when not given). */
export type VarRange = { readonly min: number; readonly max: number; readonly step?: number };

export const forRange = (start: number, stop: number, step: number): VarRange | undefined => {
  if (step === 0) throw new Error("for step 0");
  const n = Math.floor((stop - start) / step); // iterations - 1
  if (n < 0) return undefined; // the loop body never runs
  const last = start + n * step;
  return { min: Math.min(start, last), max: Math.max(start, last), step: Math.abs(step) };
};

/**
 * Every value `a` takes (sorted, deduplicated), or undefined when there
 * would be more than `limit` of them.
 */
export function affineValues(
  a: Affine,
  ranges: (name: string) => VarRange | undefined,
  limit = 4096,
): number[] | undefined {
  let values = [a.constant];
  for (const t of a.terms) {
    const r = ranges(t.loopVar);
    if (!r) throw new Error(`loop variable ${t.loopVar} is not in scope`);
    const step = r.step ?? 1;
    const count = Math.floor((r.max - r.min) / step) + 1;
    if (values.length * count > limit) return undefined;
    const next: number[] = [];
    for (const v of values) for (let x = r.min; x <= r.max; x += step) next.push(v + t.coef * x);
    values = next;
  }
  return [...new Set(values)].sort((x, y) => x - y);
}

/** Min and max of `a` when each loop variable ranges independently over its range. */
export function affineRange(a: Affine, ranges: (name: string) => VarRange | undefined): VarRange {
  let min = a.constant;
  let max = a.constant;
  for (const t of a.terms) {
    const r = ranges(t.loopVar);
    if (!r) throw new Error(`loop variable ${t.loopVar} is not in scope`);
    const x = t.coef * r.min;
    const y = t.coef * r.max;
    min += Math.min(x, y);
    max += Math.max(x, y);
  }
  return { min, max };
}

export const addAffine = (a: Affine, b: Affine): Affine => ({
  constant: a.constant + b.constant,
  terms: mergeTerms([...a.terms, ...b.terms]),
});

export const scaleAffine = (a: Affine, k: number): Affine => ({
  constant: a.constant * k,
  terms: mergeTerms(a.terms.map((t) => ({ loopVar: t.loopVar, coef: t.coef * k }))),
});

function mergeTerms(terms: readonly AffineTerm[]): AffineTerm[] {
  const out: AffineTerm[] = [];
  for (const t of terms) {
    const prev = out.find((o) => o.loopVar === t.loopVar);
    if (prev) out[out.indexOf(prev)] = { loopVar: t.loopVar, coef: prev.coef + t.coef };
    else out.push(t);
  }
  return out.filter((t) => t.coef !== 0);
}
