// A job's strategy.matrix expanded the way GitHub documents it: the product of
// the vectors (first key outermost), less the `exclude` entries, then each
// `include` entry added to every combination whose original values it leaves
// alone, or appended as a combination of its own when it fits none.
import { isMapping, type Mapping, type Value } from "./value.ts";

export class MatrixInvalid extends Error {}

function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function entries(value: Value | undefined, what: string): Mapping[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isMapping))
    throw new MatrixInvalid(`matrix ${what} must be a list of mappings`);
  return value as Mapping[];
}

export function expandMatrix(matrix: Value | undefined): Mapping[] {
  if (matrix === undefined || matrix === null) return [{}];
  if (!isMapping(matrix)) throw new MatrixInvalid("strategy.matrix must be a mapping");
  const vectors = Object.entries(matrix).filter(([key]) => key !== "include" && key !== "exclude");
  let combinations: Mapping[] = [{}];
  for (const [key, vector] of vectors) {
    if (!Array.isArray(vector)) throw new MatrixInvalid(`matrix ${key} must be a list`);
    combinations = combinations.flatMap((c) => (vector as Value[]).map((v) => ({ ...c, [key]: v })));
  }
  if (vectors.length === 0) combinations = [];
  const excludes = entries(matrix.exclude, "exclude");
  combinations = combinations.filter(
    (c) => !excludes.some((x) => Object.entries(x).every(([k, v]) => sameValue(c[k], v))),
  );
  const original = combinations.map((c) => ({ ...c }));
  const dimensions = new Set(vectors.map(([key]) => key));
  const expanded: Record<string, Value>[] = combinations.map((c) => ({ ...c }));
  for (const include of entries(matrix.include, "include")) {
    let fitted = false;
    original.forEach((base, index) => {
      const fits = Object.entries(include).every(([k, v]) => !dimensions.has(k) || sameValue(base[k], v));
      if (!fits) return;
      fitted = true;
      Object.assign(expanded[index]!, include);
    });
    if (!fitted) expanded.push({ ...include });
  }
  return expanded.length === 0 ? [{}] : expanded;
}
