/** Reading and replacing inside plain immutable data (plans, programs) by a path of keys. */

export type Path = readonly (string | number)[];

export function getIn(x: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], x);
}

/** `x` with the value at `path` replaced: only the objects on the path are copied. */
export function setIn<T>(x: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(x)) return x.map((y, i) => (i === head ? setIn(y, rest, value) : y)) as T;
  const o = x as Record<string, unknown>;
  return { ...o, [head!]: setIn(o[head!], rest, value) } as T;
}

/** Every object with a string `tag` inside `x`, with its path, parents before children. */
export function taggedNodes(x: unknown, path: Path = []): { path: Path; node: { tag: string } }[] {
  if (Array.isArray(x)) return x.flatMap((y, i) => taggedNodes(y, [...path, i]));
  if (typeof x !== "object" || x === null) return [];
  const o = x as Record<string, unknown>;
  const here = typeof o.tag === "string" ? [{ path, node: o as { tag: string } }] : [];
  return [
    ...here,
    ...Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? taggedNodes(v, [...path, k]) : [])),
  ];
}

/** JSON of plain data that may hold bigints (int64 literals), for hashing and name checks. */
export const dataText = (x: unknown): string => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
