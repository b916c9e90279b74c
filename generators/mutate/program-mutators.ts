/**
 * Mutators of a lifted program (a bare `Program`, see ../lift/): the AST is
 * changed directly, so nothing keeps the generator's rules here; a mutant
 * is a program like any the user could write, and the sanitizer is the net
 * (a wrong result of a mutant that breaks a rule is not a finding).
 */
import type { Expr, Program, Stmt } from "../program/ast.ts";
import { INTERESTING_INTS, OFFSET_EDGES } from "./numbers.ts";
import { dataText, getIn, type Path, setIn, taggedNodes } from "./paths.ts";
import { changedJitOptions } from "./plan-mutators.ts";
import { below, chance, choose, type Rng } from "./random.ts";

export const PROGRAM_MUTATOR_NAMES = [
  "constant",
  "offset",
  "loopBound",
  "swap",
  "duplicate",
  "remove",
  "splice",
  "wrapLoop",
  "sideExit",
  "jitOptions",
] as const;

export type ProgramMutatorName = (typeof PROGRAM_MUTATOR_NAMES)[number];

type ProgramMutator = (program: Program, rng: Rng, donor?: Program) => Program | undefined;

/** Every statement list of the program (its body, loop and function bodies, branches), by path. */
function statementLists(program: Program): Path[] {
  const lists: Path[] = [["body"]];
  for (const { path, node } of taggedNodes(program.body, ["body"])) {
    const n = node as Record<string, unknown>;
    for (const key of ["body", "then", "else"]) if (Array.isArray(n[key])) lists.push([...path, key]);
  }
  return lists;
}

const listAt = (program: Program, path: Path): readonly Stmt[] => getIn(program, path) as readonly Stmt[];

/** `return` and `break` must be the last statement of their block (LuaJIT, as Lua 5.1). */
const endsBlock = (s: Stmt | undefined): boolean => s?.tag === "return" || s?.tag === "break";

/** Where a statement may go in a list: not after one that must stay last. */
const insertLimit = (list: readonly Stmt[]): number => (endsBlock(list.at(-1)) ? list.length - 1 : list.length);

/** Number literals, split into offsets (an index, or a term of + and -) and other constants. */
function literals(program: Program): { path: Path; offset: boolean }[] {
  const out: { path: Path; offset: boolean }[] = [];
  for (const { path, node } of taggedNodes(program.body, ["body"])) {
    if (node.tag !== "int" && node.tag !== "fp") continue;
    const parent = getIn(program, path.slice(0, -1)) as { tag?: string; op?: string } | undefined;
    const key = path.at(-1);
    const offset =
      (parent?.tag === "index" && key === "key") ||
      (parent?.tag === "binop" && (parent.op === "+" || parent.op === "-"));
    out.push({ path, offset });
  }
  return out;
}

function newNumber(rng: Rng, e: Extract<Expr, { tag: "int" | "fp" }>, offset: boolean): Expr {
  if (e.tag === "fp")
    return { tag: "fp", value: choose(rng, [e.value * 2, e.value / 2, -e.value, e.value + 0.5, 0.1]) };
  const v = e.value;
  const next = chance(rng, 2)
    ? v + choose(rng, offset ? [-8, -4, -1, 1, 4, 8] : [-1, 1, v, -2 * v])
    : choose(rng, offset ? OFFSET_EDGES : INTERESTING_INTS);
  return { tag: "int", value: Number.isSafeInteger(next) ? next : v + 1 };
}

function changeLiteral(program: Program, rng: Rng, offsets: boolean): Program | undefined {
  const sites = literals(program).filter((l) => l.offset === offsets);
  if (sites.length === 0) return undefined;
  const { path } = choose(rng, sites);
  return setIn(program, path, newNumber(rng, getIn(program, path) as Extract<Expr, { tag: "int" | "fp" }>, offsets));
}

/**
 * A statement that can move, be copied or go into a loop without changing
 * what names are in scope, nor leaving a statement after a `break`.
 */
const movable = (s: Stmt): boolean =>
  s.tag !== "local" &&
  s.tag !== "function" &&
  s.tag !== "label" &&
  s.tag !== "goto" &&
  s.tag !== "return" &&
  s.tag !== "break";

/** A statement that means the same in another program: no `break` or `goto` in it, whose loop or label stays behind. */
const portable = (s: Stmt): boolean =>
  movable(s) && !taggedNodes(s).some(({ node }) => node.tag === "break" || node.tag === "goto");

/** A name no part of the program uses, for a loop variable of ours. */
function freshName(program: Program, base: string): string {
  const text = dataText(program.body);
  for (let i = 1; ; i++) if (!text.includes(`"${base}${i}"`)) return `${base}${i}`;
}

const PROGRAM_MUTATORS: Readonly<Record<ProgramMutatorName, ProgramMutator>> = {
  constant: (p, rng) => changeLiteral(p, rng, false),
  offset: (p, rng) => changeLiteral(p, rng, true),
  loopBound: (p, rng) => {
    const loops = taggedNodes(p.body, ["body"]).filter((n) => n.node.tag === "for");
    if (loops.length === 0) return undefined;
    const { path, node } = choose(rng, loops);
    const loop = node as Extract<Stmt, { tag: "for" }>;
    // Keep it finite and short: at most twice as long, and at most 1000 iterations more.
    const span = Math.abs(loop.stop - loop.start);
    const delta = choose(rng, [-1, 1, Math.min(span, 1000), -Math.ceil(span / 2)]) * Math.sign(loop.step);
    return rng.nextBoolean()
      ? setIn(p, [...path, "stop"], loop.stop + delta)
      : setIn(p, [...path, "start"], loop.start - delta);
  },
  swap: (p, rng) => {
    const lists = statementLists(p).filter((l) => listAt(p, l).filter(movable).length >= 2);
    if (lists.length === 0) return undefined;
    const path = choose(rng, lists);
    const list = listAt(p, path);
    const i = below(rng, list.length - 1);
    if (!movable(list[i]!) || !movable(list[i + 1]!)) return undefined;
    return setIn(
      p,
      path,
      list.map((s, k) => (k === i ? list[i + 1]! : k === i + 1 ? list[i]! : s)),
    );
  },
  duplicate: (p, rng) => {
    const path = choose(rng, statementLists(p));
    const list = listAt(p, path);
    const i = below(rng, list.length);
    if (!list[i] || !movable(list[i]!)) return undefined;
    return setIn(p, path, [...list.slice(0, i + 1), list[i]!, ...list.slice(i + 1)]);
  },
  remove: (p, rng) => {
    const path = choose(rng, statementLists(p));
    const list = listAt(p, path);
    if (list.length === 0) return undefined;
    const i = below(rng, list.length);
    if (list[i]!.tag === "label") return undefined;
    return setIn(
      p,
      path,
      list.filter((_, k) => k !== i),
    );
  },
  splice: (p, rng, donor) => {
    if (!donor) return undefined;
    const from = listAt(donor, choose(rng, statementLists(donor))).filter(portable);
    if (from.length === 0) return undefined;
    const path = choose(rng, statementLists(p));
    const list = listAt(p, path);
    const at = below(rng, insertLimit(list) + 1);
    return setIn(p, path, [...list.slice(0, at), choose(rng, from), ...list.slice(at)]);
  },
  wrapLoop: (p, rng) => {
    const path = choose(rng, statementLists(p));
    const list = listAt(p, path);
    if (list.length === 0) return undefined;
    const from = below(rng, list.length);
    let to = from;
    while (to < list.length && to - from < 3 && movable(list[to]!) && list[to]!.tag !== "break") to++;
    if (to === from) return undefined;
    const loop: Stmt = {
      tag: "for",
      var: freshName(p, "ljk"),
      start: 1,
      stop: 2 + below(rng, 3),
      step: 1,
      body: list.slice(from, to),
    };
    return setIn(p, path, [...list.slice(0, from), loop, ...list.slice(to)]);
  },
  sideExit: (p, rng) => {
    const loops = taggedNodes(p.body, ["body"]).filter((n) => n.node.tag === "for");
    if (loops.length === 0) return undefined;
    const { path, node } = choose(rng, loops);
    const loop = node as Extract<Stmt, { tag: "for" }>;
    const lo = Math.min(loop.start, loop.stop);
    const at = lo + below(rng, Math.abs(loop.stop - loop.start) + 1);
    const exit: Stmt = {
      tag: "if",
      cond: { tag: "binop", op: "==", left: { tag: "var", name: loop.var }, right: { tag: "int", value: at } },
      then: [{ tag: "break" }],
    };
    const where = below(rng, insertLimit(loop.body) + 1);
    return setIn(p, [...path, "body"], [...loop.body.slice(0, where), exit, ...loop.body.slice(where)]);
  },
  jitOptions: (p, rng) => ({ ...p, jitOptions: changedJitOptions(p.jitOptions, rng) }),
};

export function mutateProgramWith(
  name: ProgramMutatorName,
  program: Program,
  rng: Rng,
  donor?: Program,
): Program | undefined {
  return PROGRAM_MUTATORS[name](program, rng, donor);
}
