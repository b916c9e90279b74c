/** Lifts a `Program` to Lua source: two-space indentation, one statement per line. */
import type { Expr, Program, PtrSource, Stmt, Target } from "../program/ast.ts";
import type { CType } from "../program/ctype.ts";
import { sameCType } from "../program/ctype.ts";
import { computeLayouts } from "../program/layout.ts";
import { affineText, type BodyLayout, exprText, placeText, pointerTypeText } from "./expr.ts";
import { digestLines, preludeLines } from "./prelude.ts";

export function printProgram(program: Program): string {
  if (program.bare)
    return `${[`-- ljfuzz: -O${program.jitOptions.join(",")}`, ...blockLines(program.body, "", pointees(program))].join("\n")}\n`;
  const layouts = computeLayouts(program.structs);
  const body = [...blockLines(program.body, "", pointees(program)), ...digestLines(program)];
  // Only the digest helpers the program calls: a reproducer should hold nothing it does not use.
  const text = body.join("\n");
  const uses = (name: string): boolean => new RegExp(`\\b${name}\\(`).test(text);
  return `${[...preludeLines(program, layouts, uses), ...body].join("\n")}\n`;
}

/** Pointee type of every pointer variable, to know when `from + delta` needs a cast. */
function pointees(program: Program): Map<string, CType> {
  const m = new Map<string, CType>();
  for (const b of program.buffers) m.set(`b${b.id}`, { tag: "scalar", name: "uint8_t" });
  const walk = (body: readonly Stmt[]): void => {
    for (const s of body) {
      if (s.tag === "ptr") m.set(s.name, s.pointee);
      if ("body" in s) walk(s.body);
      if (s.tag === "if") {
        walk(s.then);
        if (s.else) walk(s.else);
      }
    }
  };
  walk(program.body);
  return m;
}

function targetText(t: Target, layout: BodyLayout): string {
  switch (t.tag) {
    case "var":
      return t.name;
    case "index":
      return exprText({ tag: "index", object: t.object, key: t.key }, 0, layout);
    case "field":
      return exprText({ tag: "field", object: t.object, name: t.name }, 0, layout);
  }
}

function ptrSourceText(pointee: CType, src: PtrSource, types: Map<string, CType>): string {
  if (src.tag === "buffer") return `ffi.cast(${pointerTypeText(pointee)}, buf${src.buffer})`;
  const d = src.delta;
  const zero = d.terms.length === 0 && d.constant === 0;
  const neg = d.terms.length === 0 && d.constant < 0;
  const addr = zero
    ? src.from
    : neg
      ? `${src.from} - ${-d.constant}`
      : `${src.from} + ${d.terms.length > 0 && d.constant !== 0 ? `(${affineText(d)})` : affineText(d)}`;
  const fromType = types.get(src.from);
  return fromType && sameCType(fromType, pointee) ? addr : `ffi.cast(${pointerTypeText(pointee)}, ${addr})`;
}

function blockLines(body: readonly Stmt[], indent: string, types: Map<string, CType>): string[] {
  const out: string[] = [];
  for (const s of body) {
    const lines = stmtLines(s, indent, types);
    // A statement starting with `(` would continue the previous one as a call (Lua's "ambiguous syntax").
    if (out.length > 0 && lines[0]?.trimStart().startsWith("(")) out[out.length - 1] += ";";
    out.push(...lines);
  }
  return out;
}

const list = (values: readonly Expr[], layout: BodyLayout): string =>
  values.map((v) => exprText(v, 0, layout)).join(", ");

function stmtLines(s: Stmt, indent: string, types: Map<string, CType>): string[] {
  const inner = `${indent}  `;
  const sub = (b: readonly Stmt[]) => blockLines(b, inner, types);
  const layout: BodyLayout = { indent, block: (b, at) => blockLines(b, at, types) };
  const expr = (e: Expr) => exprText(e, 0, layout);
  switch (s.tag) {
    case "local":
      return lines(`${indent}local ${s.names.join(", ")}${s.values.length > 0 ? ` = ${list(s.values, layout)}` : ""}`);
    case "assign":
      return lines(`${indent}${s.targets.map((t) => targetText(t, layout)).join(", ")} = ${list(s.values, layout)}`);
    case "store":
      return lines(`${indent}${placeText(s.place)} = ${expr(s.value)}`);
    case "ptr":
      return [`${indent}local ${s.name} = ${ptrSourceText(s.pointee, s.source, types)}`];
    case "call":
      return lines(`${indent}${expr(s.call)}`);
    case "for": {
      const step = s.step === 1 ? "" : `, ${s.step}`;
      return [`${indent}for ${s.var} = ${s.start}, ${s.stop}${step} do`, ...sub(s.body), `${indent}end`];
    }
    case "forNum": {
      const bounds = list([s.start, s.stop, ...(s.step ? [s.step] : [])], layout);
      return [...lines(`${indent}for ${s.var} = ${bounds} do`), ...sub(s.body), `${indent}end`];
    }
    case "forIn":
      return [
        ...lines(`${indent}for ${s.names.join(", ")} in ${list(s.values, layout)} do`),
        ...sub(s.body),
        `${indent}end`,
      ];
    case "while":
      return [...lines(`${indent}while ${expr(s.cond)} do`), ...sub(s.body), `${indent}end`];
    case "repeat":
      return [`${indent}repeat`, ...sub(s.body), ...lines(`${indent}until ${expr(s.cond)}`)];
    case "if": {
      const out = [...lines(`${indent}if ${expr(s.cond)} then`), ...sub(s.then)];
      if (s.else && s.else.length > 0) out.push(`${indent}else`, ...sub(s.else));
      out.push(`${indent}end`);
      // A one-statement `if c then break end` reads best on one line.
      if (out.length === 3 && s.then.length === 1 && (s.then[0]?.tag === "break" || s.then[0]?.tag === "return")) {
        return [`${indent}if ${expr(s.cond)} then ${(out[1] ?? "").trim()} end`];
      }
      return out;
    }
    case "break":
      return [`${indent}break`];
    case "goto":
      return [`${indent}goto ${s.label}`];
    case "label":
      return [`${indent}::${s.name}::`];
    case "return":
      return lines(`${indent}return${s.values.length > 0 ? ` ${list(s.values, layout)}` : ""}`);
    case "function": {
      const params = [...s.params, ...(s.vararg ? ["..."] : [])].join(", ");
      return [`${indent}local function ${s.name}(${params})`, ...sub(s.body), `${indent}end`];
    }
    case "do":
      return [`${indent}do`, ...sub(s.body), `${indent}end`];
    case "comment":
      return [`${indent}-- ${s.text}`];
  }
}

/** A statement whose expressions hold function bodies spans several lines. */
const lines = (text: string): string[] => text.split("\n");
