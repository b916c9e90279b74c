// The C inside a Lua program's FFI strings (ffi.cdef's declarations, the
// types of ffi.new and ffi.typeof), parsed by tree-sitter's C grammar
// (tree-sitter-c, run by web-tree-sitter as WebAssembly: no native build).
// It takes what LuaJIT's cdef takes (typedefs, structs and unions with
// attributes and bitfields, enums, function declarations with asm labels,
// #pragma pack) and recovers from what it does not (`[?]`), so one odd
// declaration does not hide the others. The reducer removes declarations no
// one names and fields one at a time by the ranges it gives.
import { createRequire } from "node:module";
import { Language, type Node, Parser } from "web-tree-sitter";

let parser: Parser | null = null;

/** Loads the grammar once (asynchronous: WebAssembly); cDeclarations returns null until then. */
export async function loadCParser(): Promise<void> {
  if (parser !== null) return;
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve("tree-sitter-c/tree-sitter-c.wasm");
  const language = await Language.load(wasm);
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

/** [start, end) in the C text. */
export type CRange = readonly [number, number];

export interface CDeclaration {
  /** The declaration with its `;`. */
  readonly range: CRange;
  /** The names it declares: typedef names, struct, union and enum tags, functions, variables, enum constants. */
  readonly names: readonly string[];
}

export interface CField {
  /** The field declaration with its `;`, or one declarator of several with its comma. */
  readonly range: CRange;
  readonly name: string;
}

export interface CText {
  /** Top-level declarations, in order (none for a lone type, as ffi.new's). */
  readonly declarations: readonly CDeclaration[];
  /** Every struct or union field, nested ones too, in order. */
  readonly fields: readonly CField[];
}

/** The declarations and fields of a C text, or null before loadCParser or for text that is not ASCII. */
export function cDeclarations(text: string): CText | null {
  // tree-sitter counts offsets in its own encoding: keep to text where that is one byte a character.
  if (parser === null || /[^\t\n\r -~]/.test(text)) return null;
  const tree = parser.parse(text);
  if (tree === null) return null;
  try {
    const root = tree.rootNode;
    const declarations: CDeclaration[] = [];
    const top = root.children.filter((n): n is Node => n !== null);
    top.forEach((node, i) => {
      if (!node.isNamed || node.type === "comment" || node.hasError) return;
      const next = top[i + 1];
      const end = next && next.type === ";" ? next.endIndex : node.endIndex;
      declarations.push({ range: [node.startIndex, end], names: declaredNames(node) });
    });
    const fields: CField[] = [];
    for (const field of root.descendantsOfType("field_declaration")) {
      if (field === null || field.hasError) continue;
      const declarators = field.childrenForFieldName("declarator").filter((n): n is Node => n !== null);
      if (declarators.length <= 1) {
        fields.push({ range: [field.startIndex, field.endIndex], name: declarators[0] ? nameOf(declarators[0]) : "" });
        continue;
      }
      // `int32_t a, b;`: each declarator alone, with the comma on its left (or, for the first, on its right).
      declarators.forEach((d, k) => {
        const range: CRange =
          k === 0 ? [d.startIndex, declarators[1]!.startIndex] : [declarators[k - 1]!.endIndex, d.endIndex];
        fields.push({ range, name: nameOf(d) });
      });
    }
    fields.sort((a, b) => a.range[0] - b.range[0]);
    return { declarations, fields };
  } finally {
    tree.delete();
  }
}

const NAME_TYPES = new Set(["type_identifier", "identifier", "field_identifier"]);

/** The identifier a declarator declares (`*p`, `a[4]`, `(*f)(int)` → p, a, f). */
function nameOf(declarator: Node): string {
  if (NAME_TYPES.has(declarator.type)) return declarator.text;
  const inner = declarator.childForFieldName("declarator");
  if (inner) return nameOf(inner);
  for (const child of declarator.namedChildren) if (child && NAME_TYPES.has(child.type)) return child.text;
  return "";
}

function declaredNames(node: Node): string[] {
  const names: string[] = [];
  const tag = (specifier: Node | null): void => {
    if (!specifier) return;
    if (["struct_specifier", "union_specifier", "enum_specifier"].includes(specifier.type)) {
      const name = specifier.childForFieldName("name");
      if (name && specifier.childForFieldName("body")) names.push(name.text);
      for (const e of specifier.descendantsOfType("enumerator")) {
        const n = e?.childForFieldName("name");
        if (n) names.push(n.text);
      }
    }
  };
  if (["struct_specifier", "union_specifier", "enum_specifier"].includes(node.type)) tag(node);
  if (node.type === "type_definition" || node.type === "declaration") {
    tag(node.childForFieldName("type"));
    for (const d of node.childrenForFieldName("declarator")) if (d) names.push(nameOf(d));
  }
  return names.filter((n) => n !== "");
}
