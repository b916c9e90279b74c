// The sanitizer's rewrite: the same program, with every arithmetic operation
// and every load and store through a field or an index checked, at run time,
// against the rules a generated program keeps (generators/README.md, "What
// every program guarantees"). A program that breaks them can differ between
// JIT and interpreter with no bug in either:
//   - a NaN or an infinity (`x % 0`, `x / 0`), or a value at or past 2^53,
//     where doubles stop being exact integers;
//   - `+`, `-` or `*` on a fraction: the arm64 JIT may fuse a multiply and
//     an add into one FMADD, which rounds once instead of twice;
//   - a NaN stored into memory (LuaJIT does not canonicalize NaNs it loads);
//   - a number stored into a field it does not fit, past int32's range
//     (below it, both truncate the same way): the conversion is the C
//     compiler's on one side and FCVTZS's on the other. A double stored into
//     a double field reads back the same and is any value at all;
//   - pairs or next over a hash part holding string or object keys: their
//     order follows string hashes, seeded anew in every process, and
//     addresses, so two runs of one program list them differently (the
//     generator never iterates a table; real programs do, and a mutant of
//     one that drops its table.sort prints the keys in that order);
//   - a load or store through FFI memory outside what the program allocated
//     with ffi.new: it reads or overwrites LuaJIT's own heap, whose layout
//     differs between the two runs (the reducer once turned fill's
//     `math.min(n, 254) - 1` into `n`, one byte past a buffer).
// Generated programs pass by construction (checked in sanitizer.test.ts);
// the reducer and the campaign use it to refuse programs that do not.
import type { Expression, MemberExpression, Node } from "luaparse";
import { childNodes, parseLua, positionsOf, rangeOf } from "../lua/index.ts";
import { checksPrelude, SITE_LINE } from "./prelude.ts";
import { policyOf, type RulePolicy } from "./rules.ts";

const ARITHMETIC: Readonly<Record<string, string>> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "^": "pow",
};

/**
 * The program with its checks. Line numbers stay as they were: the prelude
 * goes on the first line, and no rewrite adds a line break. By default every
 * broken rule stops the run.
 */
export function instrumentProgram(source: string, policy: RulePolicy = policyOf("stop")): string {
  const parsed = parseLua(source);
  const body = parsed.chunk.body.map((s) => rangeOf(s));
  if (body.length === 0) return source;
  const r = renderer(parsed.source);
  const [first] = body[0]!;
  const last = body[body.length - 1]![1];
  const rendered = parsed.chunk.body.map((s, i) => {
    const gap = i === 0 ? "" : parsed.source.slice(body[i - 1]![1], body[i]![0]);
    return gap + r.render(s);
  });
  // The prelude shares the first statement's line: a frame there is the prelude's.
  const firstLine = parsed.source.slice(0, first).split("\n").length;
  return (
    parsed.source.slice(0, first) + checksPrelude(policy, firstLine) + rendered.join("") + parsed.source.slice(last)
  );
}

/** Tables whose fields are never FFI memory: their lookups stay as they are. */
const LIBRARIES = new Set([
  "ffi",
  "bit",
  "math",
  "string",
  "table",
  "jit",
  "io",
  "os",
  "coroutine",
  "debug",
  "package",
]);

interface Renderer {
  /** A node's text with every checked operation inside it rewritten. */
  render(node: Node): string;
}

function renderer(source: string): Renderer {
  const positionOf = positionsOf(source);
  /** Where a node starts, as the checks receive it: line * 2^20 + column (both from 1). */
  const site = (node: Node): number => {
    const { line, column } = positionOf(rangeOf(node)[0]);
    return line * SITE_LINE + Math.min(column, SITE_LINE - 1);
  };

  const render = (node: Node): string => {
    if (node.type === "BinaryExpression" && ARITHMETIC[node.operator]) {
      return `__ljfuzz_${ARITHMETIC[node.operator]}(${render(node.left)}, ${render(node.right)}, ${site(node)})`;
    }
    if (
      node.type === "AssignmentStatement" &&
      node.variables.length === 1 &&
      node.init.length === 1 &&
      isStore(node.variables[0]!)
    ) {
      return renderStore(node.variables[0]!, render(node.init[0]!));
    }
    if (node.type === "IndexExpression")
      return `__ljfuzz_at(${render(node.base)}, ${render(node.index)}, ${site(node)})`;
    if (node.type === "MemberExpression" && isCheckedMember(node))
      return `__ljfuzz_get(${render(node.base)}, "${node.identifier.name}", ${site(node)})`;
    // `function t.f()` names a place; it is no load.
    if (node.type === "FunctionDeclaration" && node.identifier?.type === "MemberExpression")
      return renderChildren(source, node, (child) =>
        child === node.identifier ? verbatim(source, child) : render(child),
      );
    // Several places at once: each checked, then assigned.
    if (node.type === "AssignmentStatement")
      return renderChildren(source, node, (child) =>
        (node.variables as readonly Node[]).includes(child) ? renderPlace(child as Expression) : render(child),
      );
    return renderChildren(source, node, render);
  };

  /**
   * A store, its value then read back (what the field made of the number).
   * The place's base and index are evaluated once, as in the program; the
   * check gives back where to store (a sink when a reported access is skipped).
   */
  const renderStore = (place: Expression, value: string): string => {
    const at = site(place);
    if (place.type === "IndexExpression") {
      return `do local __ljfuzz_v = ${value} local __ljfuzz_b, __ljfuzz_k = ${render(place.base)}, ${render(place.index)} __ljfuzz_b = __ljfuzz_in(__ljfuzz_b, __ljfuzz_k, ${at}) __ljfuzz_b[__ljfuzz_k] = __ljfuzz_v __ljfuzz_stored(__ljfuzz_v, __ljfuzz_b[__ljfuzz_k], ${at}) end`;
    }
    if (place.type === "MemberExpression") {
      const name = place.identifier.name;
      const check = isCheckedMember(place) ? ` __ljfuzz_b = __ljfuzz_of(__ljfuzz_b, "${name}", ${at})` : "";
      return `do local __ljfuzz_v = ${value} local __ljfuzz_b = ${render(place.base)}${check} __ljfuzz_b.${name} = __ljfuzz_v __ljfuzz_stored(__ljfuzz_v, __ljfuzz_b.${name}, ${at}) end`;
    }
    return `${render(place)} = ${value}`;
  };

  /** A place assigned among others: checked, still a place (its index written twice: generated indexes are pure). */
  const renderPlace = (place: Expression): string => {
    if (place.type === "IndexExpression") {
      const index = render(place.index);
      return `__ljfuzz_in(${render(place.base)}, ${index}, ${site(place)})[${index}]`;
    }
    if (place.type === "MemberExpression" && isCheckedMember(place))
      return `__ljfuzz_of(${render(place.base)}, "${place.identifier.name}", ${site(place)}).${place.identifier.name}`;
    return render(place);
  };

  return { render };
}

/** `x.f`, not `x:f` (a method) nor a library's function. */
function isCheckedMember(node: MemberExpression): boolean {
  return node.indexer === "." && !(node.base.type === "Identifier" && LIBRARIES.has(node.base.name));
}

/** The node's text with each child replaced by `each(child)`. */
function renderChildren(source: string, node: Node, each: (child: Node) => string): string {
  const [start, end] = rangeOf(node);
  let out = "";
  let at = start;
  for (const child of childNodes(node)) {
    const [childStart, childEnd] = rangeOf(child);
    out += source.slice(at, childStart) + each(child);
    at = childEnd;
  }
  return out + source.slice(at, end);
}

function verbatim(source: string, node: Node): string {
  const [start, end] = rangeOf(node);
  return source.slice(start, end);
}

function isStore(target: Expression): boolean {
  return target.type === "MemberExpression" || target.type === "IndexExpression";
}
