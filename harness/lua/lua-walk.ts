// A generic walk over luaparse's tree: the nodes directly inside a node, in
// source order, whatever its type. The sanitizer's rewrite, the scope
// resolver and the reducer's passes all walk the tree this way.
import type { Node } from "luaparse";
import { rangeOf } from "./lua-syntax.ts";

/** The nodes directly inside `node` that carry a range, in source order. */
export function childNodes(node: Node): Node[] {
  const out: Node[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) add(v);
    else if (isNode(value)) out.push(value);
  };
  for (const [key, value] of Object.entries(node)) if (key !== "range" && key !== "loc") add(value);
  return out.sort((a, b) => rangeOf(a)[0] - rangeOf(b)[0]);
}

/** Every node under `root` (itself included), parents before children, with each one's parent. */
export function walkNodes(root: Node, visit: (node: Node, parent: Node | null) => void): void {
  const go = (node: Node, parent: Node | null): void => {
    visit(node, parent);
    for (const child of childNodes(node)) go(child, node);
  };
  go(root, null);
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { type?: unknown }).type === "string" &&
    Array.isArray((value as { range?: unknown }).range)
  );
}
