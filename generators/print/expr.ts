/**
 * Expressions to Lua text, with the fewest parentheses Lua 5.1 precedence
 * allows (plus a few for readability around mixed `and`/`or`).
 */

import type { Affine, BinOp, Expr, Place, Stmt } from "../program/ast.ts";
import type { CType } from "../program/ctype.ts";
import { fpLiteral, int64Literal, intLiteral, stringLiteral } from "./literals.ts";

const PREC: Record<BinOp, number> = {
  or: 1,
  and: 2,
  "<": 3,
  ">": 3,
  "<=": 3,
  ">=": 3,
  "~=": 3,
  "==": 3,
  "..": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
  "^": 8,
};
const UNARY_PREC = 7;
const RIGHT_ASSOC = new Set<BinOp>(["..", "^"]);

/**
 * How function bodies inside an expression are printed: the statement
 * printer (print/lua.ts) passes itself and the indentation of the line the
 * expression starts on. Without it only one-line functions (a single
 * `return`) can be printed.
 */
export type BodyLayout = {
  readonly indent: string;
  readonly block: (body: readonly Stmt[], indent: string) => string[];
};

/** How a ctype is named in `ffi.cast`: a C string for scalars, the `S<n>p` ctype for structs. */
export function pointerTypeText(t: CType): string {
  if (t.tag === "scalar") return stringLiteral(`${t.name}${t.name.endsWith("*") ? "*" : " *"}`);
  if (t.tag === "struct") return `S${t.id}p`;
  throw new Error("pointers to arrays are not generated");
}

export function affineText(a: Affine): string {
  const parts: string[] = [];
  for (const t of a.terms) {
    if (t.coef === 0) continue;
    const mag = Math.abs(t.coef);
    const term = mag === 1 ? t.loopVar : `${t.loopVar} * ${mag}`;
    if (parts.length === 0) parts.push(t.coef < 0 ? `-${term}` : term);
    else parts.push(t.coef < 0 ? `- ${term}` : `+ ${term}`);
  }
  if (parts.length === 0) return intLiteral(a.constant);
  if (a.constant > 0) parts.push(`+ ${intLiteral(a.constant)}`);
  if (a.constant < 0) parts.push(`- ${intLiteral(-a.constant)}`);
  return parts.join(" ");
}

const isSimpleAffine = (a: Affine): boolean => a.terms.length === 0 && a.constant >= 0;

export function placeText(p: Place): string {
  let base: string;
  switch (p.base.tag) {
    case "ptr":
      base = p.base.name;
      break;
    case "buffer":
      base = `buf${p.base.buffer}`;
      break;
    case "cast": {
      const d = p.base.delta;
      const addr =
        d.terms.length === 0 && d.constant === 0
          ? p.base.from
          : d.terms.length === 0 && d.constant < 0
            ? `${p.base.from} - ${-d.constant}`
            : `${p.base.from} + ${isSimpleAffine(d) ? affineText(d) : `(${affineText(d)})`}`;
      base = `ffi.cast(${pointerTypeText(p.base.pointee)}, ${addr})`;
      break;
    }
  }
  let s = `${base}[${affineText(p.index)}]`;
  for (const step of p.path) s += step.tag === "field" ? `.${step.name}` : `[${step.index}]`;
  return s;
}

export function exprText(e: Expr, outer = 0, layout?: BodyLayout): string {
  const text = (x: Expr, o = 0): string => exprText(x, o, layout);
  switch (e.tag) {
    case "int": {
      const s = intLiteral(e.value, e.hex);
      return e.value < 0 && outer >= UNARY_PREC ? `(${s})` : s;
    }
    case "fp": {
      const s = fpLiteral(e.value);
      return (s.startsWith("-") && outer >= UNARY_PREC) || (s.includes("/") && outer >= PREC["/"]) ? `(${s})` : s;
    }
    case "int64": {
      const s = int64Literal(e.value, e.unsigned);
      return s.startsWith("-") && outer >= UNARY_PREC ? `(${s})` : s;
    }
    case "bool":
      return e.value ? "true" : "false";
    case "nil":
      return "nil";
    case "str":
      return stringLiteral(e.value);
    case "var":
      return e.name;
    case "vararg":
      return "...";
    case "binop": {
      const p = PREC[e.op];
      const right = RIGHT_ASSOC.has(e.op);
      // `a and b or c` reads fine; any other mix of and/or gets parentheses.
      const mixed = (x: Expr, isLeft: boolean): boolean =>
        x.tag === "binop" &&
        (x.op === "and" || x.op === "or") &&
        x.op !== e.op &&
        !(isLeft && e.op === "or" && x.op === "and");
      const l = mixed(e.left, true) ? `(${text(e.left)})` : text(e.left, right ? p + 1 : p);
      const r = mixed(e.right, false) ? `(${text(e.right)})` : text(e.right, right ? p : p + 1);
      const s = `${l} ${e.op} ${r}`;
      return p < outer ? `(${s})` : s;
    }
    case "unop": {
      const inner = text(e.operand, UNARY_PREC);
      const s = e.op === "not" ? `not ${inner}` : `${e.op}${inner.startsWith("-") ? ` ${inner}` : inner}`;
      return UNARY_PREC < outer ? `(${s})` : s;
    }
    case "call":
      return `${prefixText(e.callee, layout)}(${e.args.map((a) => text(a)).join(", ")})`;
    case "method":
      return `${prefixText(e.object, layout)}:${e.name}(${e.args.map((a) => text(a)).join(", ")})`;
    case "paren":
      return `(${text(e.expr)})`;
    case "index":
      return `${prefixText(e.object, layout)}[${text(e.key)}]`;
    case "field":
      return `${prefixText(e.object, layout)}.${e.name}`;
    case "load":
      return placeText(e.place);
    case "table": {
      const parts = [
        ...e.items.map((x) => text(x)),
        ...e.fields.map((f) => `${"name" in f ? f.name : `[${text(f.key)}]`} = ${text(f.value)}`),
      ];
      return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
    }
    case "function": {
      const params = [...e.params, ...(e.vararg ? ["..."] : [])].join(", ");
      const [only, ...rest] = e.body;
      // A single return of values without functions reads best on one line.
      if (only?.tag === "return" && rest.length === 0 && !only.values.some((v) => v.tag === "function"))
        return `function(${params}) return ${only.values.map((v) => text(v)).join(", ")} end`;
      if (!layout) throw new Error("a function expression with statements needs a body layout");
      const lines = layout.block(e.body, `${layout.indent}  `);
      return [`function(${params})`, ...lines, `${layout.indent}end`].join("\n");
    }
  }
}

/** Callee/object position: only names, calls, indexing and parenthesized expressions. */
function prefixText(e: Expr, layout: BodyLayout | undefined): string {
  if (
    e.tag === "var" ||
    e.tag === "call" ||
    e.tag === "method" ||
    e.tag === "paren" ||
    e.tag === "index" ||
    e.tag === "field" ||
    e.tag === "load"
  )
    return exprText(e, 0, layout);
  return `(${exprText(e, 0, layout)})`;
}
