// The values a workflow's YAML and expressions produce, as plain JSON, and the
// conversion to and from @actions/expressions' own data types.
import { data } from "@actions/expressions";

export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };
export type Mapping = { readonly [key: string]: Value };

export function isMapping(value: Value | undefined): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function toData(value: Value): data.ExpressionData {
  if (value === null) return new data.Null();
  if (typeof value === "string") return new data.StringData(value);
  if (typeof value === "number") return new data.NumberData(value);
  if (typeof value === "boolean") return new data.BooleanData(value);
  if (Array.isArray(value)) return new data.Array(...value.map(toData));
  return toDictionary(value as Mapping);
}

/** The contexts of an expression, as the evaluator takes them. */
export function toDictionary(mapping: Mapping): data.Dictionary {
  const dictionary = new data.Dictionary();
  for (const [key, item] of Object.entries(mapping)) dictionary.add(key, toData(item));
  return dictionary;
}

export function fromData(value: data.ExpressionData): Value {
  switch (value.kind) {
    case data.Kind.Null:
      return null;
    case data.Kind.String:
    case data.Kind.Number:
    case data.Kind.Boolean:
      return (value as data.StringData | data.NumberData | data.BooleanData).value;
    case data.Kind.Array:
      return (value as data.Array).values().map(fromData);
    default: {
      const out: Record<string, Value> = {};
      for (const pair of (value as data.Dictionary).pairs()) out[pair.key] = fromData(pair.value);
      return out;
    }
  }
}

/** How a value reads where a string is wanted: an env var, a step input, a job name. */
export function asString(value: Value): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** GitHub's truthiness: false, 0, -0, "", null and NaN are false. */
export function truthy(value: Value): boolean {
  if (value === null || value === false || value === "") return false;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  return true;
}
