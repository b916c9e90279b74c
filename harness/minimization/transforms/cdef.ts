// The C in FFI strings (../../lua/c-declarations.ts): declarations of
// ffi.cdef that nothing names go, struct fields go one at a time (in cdef
// and in the types given to ffi.new, ffi.typeof, ffi.cast…), and a cdef's
// text is put on one line. A 7-field struct of which 2 fields matter
// becomes a 2-field struct; the test says whether the layout still shows the bug.
import type { Expression, StringLiteral } from "luaparse";
import { type CField, cDeclarations, rangeOf, walkNodes } from "../../lua/index.ts";
import { cut } from "../splice.ts";
import type { LuaCandidate, LuaContext } from "./candidate.ts";

interface FfiString {
  readonly literal: StringLiteral;
  /** Where the C text starts in the Lua source. */
  readonly offset: number;
  readonly text: string;
  readonly isCdef: boolean;
}

/** String arguments of ffi.* calls whose C text sits verbatim in the source (long strings, or quotes without escapes). */
function ffiStrings(context: LuaContext): FfiString[] {
  const out: FfiString[] = [];
  const add = (arg: Expression, isCdef: boolean): void => {
    if (arg.type !== "StringLiteral") return;
    const raw = arg.raw;
    const long = /^\[(=*)\[/.exec(raw);
    const open = long ? long[0].length : 1;
    const close = long ? long[0].length : 1;
    if (!long && raw.includes("\\")) return;
    const start = rangeOf(arg)[0] + open;
    out.push({ literal: arg, offset: start, text: raw.slice(open, raw.length - close), isCdef });
  };
  walkNodes(context.parsed.chunk, (node) => {
    if (node.type !== "CallExpression" && node.type !== "StringCallExpression") return;
    const base = node.base;
    if (base.type !== "MemberExpression" || base.base.type !== "Identifier" || base.base.name !== "ffi") return;
    const isCdef = base.identifier.name === "cdef";
    if (node.type === "StringCallExpression") add(node.argument as Expression, isCdef);
    else for (const arg of node.arguments) add(arg, isCdef);
  });
  return out;
}

function mentions(source: string, name: string): number {
  const escaped = name.replace(/[$]/g, "\\$");
  return (source.match(new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`, "g")) ?? []).length;
}

/** The end of a removed declaration with the blanks after it (a `;` ends it; a comma-joined declarator ends in a name). */
function blanksAfter(text: string, end: number): number {
  if (text[end - 1] !== ";") return end;
  let at = end;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/** Cuts that touch (two declarators of one field) cannot be applied together. */
function overlapping(fields: readonly CField[]): boolean {
  const sorted = [...fields].sort((a, b) => a.range[0] - b.range[0]);
  return sorted.some((f, i) => i > 0 && f.range[0] < sorted[i - 1]!.range[1] + 1);
}

export function reduceCDeclarations(context: LuaContext): LuaCandidate[] {
  const { source } = context.parsed;
  const out: LuaCandidate[] = [];
  let site = 0;
  for (const s of ffiStrings(context)) {
    const c = cDeclarations(s.text);
    if (c === null) continue;
    const line = context.lineOf(s.offset);
    if (s.isCdef) {
      for (const d of c.declarations) {
        const own = s.text.slice(d.range[0], d.range[1]);
        // Nothing outside the declaration names it: not the program, not another declaration.
        if (d.names.length > 0 && d.names.every((n) => mentions(source, n) === mentions(own, n)))
          out.push({
            kind: "cdef",
            site: site++,
            what: `remove the unused C declaration of ${d.names.join(", ")} at line ${line}`,
            splices: [cut(s.offset + d.range[0], s.offset + blanksAfter(s.text, d.range[1]))],
          });
      }
    }
    // First every field the program names nowhere else, at once: one test instead of one per field.
    const unnamed = c.fields.filter((f) => f.name !== "" && mentions(source, f.name) === 1);
    if (unnamed.length > 1 && !overlapping(unnamed))
      out.push({
        kind: "cdef",
        site: site++,
        what: `remove the fields ${unnamed.map((f) => f.name).join(", ")} that nothing names, at line ${line}`,
        splices: unnamed.map((f) => cut(s.offset + f.range[0], s.offset + blanksAfter(s.text, f.range[1]))),
      });
    for (const f of c.fields)
      out.push({
        kind: "cdef",
        site: site++,
        what: `remove the field ${f.name} at line ${context.lineOf(s.offset + f.range[0])}`,
        splices: [cut(s.offset + f.range[0], s.offset + blanksAfter(s.text, f.range[1]))],
      });
    const compact = s.text.replace(/\s+/g, " ").trim();
    if (s.isCdef && !s.text.includes("#") && compact !== s.text)
      out.push({
        kind: "cdef",
        site: site++,
        what: `put the C declarations at line ${line} on one line`,
        splices: [{ start: s.offset, end: s.offset + s.text.length, text: compact }],
      });
  }
  return out;
}
