// The one part of the memory rule a checked run cannot see: memory freed
// while a pointer into it is still used. ffi.new's cdata owns its bytes, and
// a pointer made from it (ffi.cast, or the array plus an offset) does not
// keep it alive: once nothing holds the cdata, the garbage collector frees
// it, and loads through the pointer read whatever is there next. The checked
// run holds every allocation itself (prelude.ts), so it never sees one go;
// and when it goes depends on what else allocates (the probe, in a JIT-on
// run), so such a program gives another result under ljfuzz's probe than
// alone, with no JIT bug at all. A reduction that inlined `local buf =
// ffi.new(...)` into its one use, `ffi.cast(T, buf)`, made one. Found in the
// text: an ffi.new whose result goes straight into a cast or an offset.
import type { Node } from "luaparse";
import { parseLua, rangeOf, walkNodes } from "../lua/index.ts";
import { isCallOf } from "./unchecked.ts";

export interface UnanchoredAllocation {
  readonly line: number;
  readonly column: number;
  /** What takes the allocation: `ffi.cast`, or `+`/`-`. */
  readonly into: string;
}

/** Each ffi.new whose cdata nothing keeps: the argument of an ffi.cast, or an operand of + or -. */
export function unanchoredAllocations(source: string): UnanchoredAllocation[] {
  const parsed = parseLua(source);
  const out: UnanchoredAllocation[] = [];
  const at = (node: Node, into: string) => {
    const start = rangeOf(node)[0];
    const before = source.slice(0, start);
    const line = before.split("\n").length;
    out.push({ line, column: start - before.lastIndexOf("\n"), into });
  };
  walkNodes(parsed.chunk, (node) => {
    // luaparse drops parentheses: `(ffi.new(...) + k)` is the same node.
    if (node.type === "CallExpression" && isCallOf(node, "ffi", "cast")) {
      for (const arg of node.arguments) if (isCallOf(arg, "ffi", "new")) at(arg, "ffi.cast");
    } else if (node.type === "BinaryExpression" && (node.operator === "+" || node.operator === "-")) {
      for (const operand of [node.left, node.right]) if (isCallOf(operand, "ffi", "new")) at(operand, node.operator);
    }
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
