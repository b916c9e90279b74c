// What a checked run cannot see, found in the program's text: memory that C
// functions touch (called through ffi.C or a library from ffi.load), and code
// loaded at run time, which the rewrite never saw. `sanitize` lists these
// beside the rules broken, so a clean result says what it covers.
import type { Expression, Node } from "luaparse";
import { parseLua, rangeOf, walkNodes } from "../lua/index.ts";

export interface UncheckedSite {
  readonly line: number;
  readonly what: string;
}

const LOADERS = new Set(["load", "loadstring", "loadfile", "dofile"]);

export function uncheckedSites(source: string): UncheckedSite[] {
  const parsed = parseLua(source);
  const lineOf = (node: Node): number => source.slice(0, rangeOf(node)[0]).split("\n").length;
  const libraries = new Set<string>();
  const out: UncheckedSite[] = [];
  walkNodes(parsed.chunk, (node) => {
    // `local lib = ffi.load("z")`: calls through lib are C calls.
    if (node.type === "LocalStatement" || node.type === "AssignmentStatement") {
      node.variables.forEach((v, i) => {
        const init = node.init[i];
        if (v.type === "Identifier" && init !== undefined && isCallOf(init, "ffi", "load")) libraries.add(v.name);
      });
    }
    if (node.type !== "CallExpression" && node.type !== "StringCallExpression" && node.type !== "TableCallExpression")
      return;
    const base = node.base;
    if (base.type === "Identifier" && LOADERS.has(base.name))
      out.push({ line: lineOf(node), what: `code loaded by ${base.name}() is not checked` });
    if (base.type !== "MemberExpression") return;
    const owner = base.base;
    const isC =
      (owner.type === "MemberExpression" && isName(owner.base, "ffi") && owner.identifier.name === "C") ||
      (owner.type === "Identifier" && libraries.has(owner.name));
    if (isC)
      out.push({
        line: lineOf(node),
        what: `the memory C function ${base.identifier.name} touches is not checked`,
      });
  });
  return out.sort((a, b) => a.line - b.line || a.what.localeCompare(b.what));
}

function isName(node: Expression, name: string): boolean {
  return node.type === "Identifier" && node.name === name;
}

/** `owner.name(...)` or `owner.name "..."`. */
export function isCallOf(node: Expression, owner: string, name: string): boolean {
  return (
    (node.type === "CallExpression" || node.type === "StringCallExpression") &&
    node.base.type === "MemberExpression" &&
    isName(node.base.base, owner) &&
    node.base.identifier.name === name
  );
}
