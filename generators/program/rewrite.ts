/** Structural rewrites of a program body. */
import type { Place, Stmt } from "./ast.ts";

/** Removes the `store` statements whose place is in `drop` (compared by identity). */
export function removeStores(body: readonly Stmt[], drop: ReadonlySet<Place>): Stmt[] {
  const out: Stmt[] = [];
  for (const s of body) {
    switch (s.tag) {
      case "store":
        if (!drop.has(s.place)) out.push(s);
        break;
      case "for":
      case "while":
      case "repeat":
      case "function":
      case "do":
        out.push({ ...s, body: removeStores(s.body, drop) });
        break;
      case "if":
        out.push({ ...s, then: removeStores(s.then, drop), ...(s.else ? { else: removeStores(s.else, drop) } : {}) });
        break;
      default:
        out.push(s);
    }
  }
  return out;
}
