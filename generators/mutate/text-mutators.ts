/**
 * Mutators of Lua text, for seeds the lifter cannot hold: edits at the
 * character ranges luaparse gives, so the rest of the text stays as it
 * was. Nothing keeps the generator's rules; the sanitizer is the net.
 */
import type { Node, Statement } from "luaparse";
import luaparse from "luaparse";
import { INTERESTING_INTS, OFFSET_EDGES } from "./numbers.ts";
import { changedJitOptions } from "./plan-mutators.ts";
import { below, chance, choose, type Rng } from "./random.ts";

export const TEXT_MUTATOR_NAMES = ["constant", "offset", "loopBound", "swap", "jitOptions"] as const;

export type TextMutatorName = (typeof TEXT_MUTATOR_NAMES)[number];

export type TextProgram = { readonly source: string; readonly jitOptions: readonly string[] };

type Range = readonly [number, number];
const rangeOf = (n: Node): Range => (n as unknown as { range: Range }).range;

/** Integer literals (those that are an index, or a term of + and -, also as offsets), loop ends, statement lists. */
type Parsed = {
  readonly numbers: Range[];
  readonly offsets: Range[];
  readonly loopEnds: Range[];
  readonly lists: (readonly Statement[])[];
};

const isInteger = (n: Node): boolean => n.type === "NumericLiteral" && /^(0x[0-9a-f]+|\d+)$/i.test(n.raw);

function parse(source: string): Parsed | undefined {
  const numbers: Range[] = [];
  const offsets: Range[] = [];
  const loopEnds: Range[] = [];
  const lists: (readonly Statement[])[] = [];
  try {
    const chunk = luaparse.parse(source, {
      luaVersion: "LuaJIT",
      ranges: true,
      comments: false,
      encodingMode: "none",
      onCreateNode: (node: Node) => {
        if (isInteger(node)) numbers.push(rangeOf(node));
        if (node.type === "IndexExpression" && isInteger(node.index)) offsets.push(rangeOf(node.index));
        if (node.type === "BinaryExpression" && (node.operator === "+" || node.operator === "-"))
          for (const side of [node.left, node.right]) if (isInteger(side)) offsets.push(rangeOf(side));
        if (node.type === "ForNumericStatement" && node.end.type === "NumericLiteral") loopEnds.push(rangeOf(node.end));
        const body = (node as { body?: unknown }).body;
        if (Array.isArray(body) && body.length >= 2) lists.push(body as Statement[]);
      },
    });
    if (chunk.body.length >= 2) lists.push(chunk.body);
  } catch {
    return undefined;
  }
  return { numbers, offsets, loopEnds, lists };
}

const splice = (s: string, [from, to]: Range, text: string): string => s.slice(0, from) + text + s.slice(to);

/** A number's new spelling: negative ones in parentheses (a `-` before them would start a comment). */
const spelled = (v: number): string => (v < 0 ? `(${v})` : String(v));

/** One of the integer literals at `sites` a step away, or one of `values`. */
function changeNumber(
  p: TextProgram,
  rng: Rng,
  sites: readonly Range[],
  values: readonly number[],
): TextProgram | undefined {
  if (sites.length === 0) return undefined;
  const at = choose(rng, sites);
  const v = Number(p.source.slice(...at));
  const next = chance(rng, 2) ? v + choose(rng, [-1, 1, -8, 8]) : choose(rng, values);
  return { ...p, source: splice(p.source, at, spelled(next)) };
}

const TEXT_MUTATORS: Readonly<Record<TextMutatorName, (p: TextProgram, rng: Rng) => TextProgram | undefined>> = {
  constant: (p, rng) => changeNumber(p, rng, parse(p.source)?.numbers ?? [], INTERESTING_INTS),
  offset: (p, rng) => changeNumber(p, rng, parse(p.source)?.offsets ?? [], OFFSET_EDGES),
  loopBound: (p, rng) => {
    const ends = parse(p.source)?.loopEnds ?? [];
    if (ends.length === 0) return undefined;
    const at = choose(rng, ends);
    const v = Number(p.source.slice(...at));
    if (!Number.isSafeInteger(v)) return undefined;
    // Shorter or a little longer, never more than twice and 1000 iterations.
    const next = choose(rng, [v - 1, v + 1, Math.floor(v / 2), Math.min(2 * v, v + 1000)]);
    return { ...p, source: splice(p.source, at, spelled(next)) };
  },
  swap: (p, rng) => {
    const lists = parse(p.source)?.lists ?? [];
    if (lists.length === 0) return undefined;
    const list = choose(rng, lists);
    const i = below(rng, list.length - 1);
    const [a, b] = [list[i]!, list[i + 1]!];
    // Both must stay last where they are (LuaJIT, as Lua 5.1).
    if ([a, b].some((x) => x.type === "ReturnStatement" || x.type === "BreakStatement")) return undefined;
    const [ra, rb] = [rangeOf(a), rangeOf(b)];
    const s = p.source;
    return {
      ...p,
      source: s.slice(0, ra[0]) + s.slice(...rb) + s.slice(ra[1], rb[0]) + s.slice(...ra) + s.slice(rb[1]),
    };
  },
  jitOptions: (p, rng) => ({ ...p, jitOptions: changedJitOptions(p.jitOptions, rng) }),
};

export function mutateTextWith(name: TextMutatorName, p: TextProgram, rng: Rng): TextProgram | undefined {
  return TEXT_MUTATORS[name](p, rng);
}
