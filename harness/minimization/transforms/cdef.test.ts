import { beforeAll, describe, expect, it } from "vitest";
import { cDeclarations, loadCParser } from "../../lua/index.ts";
import { reduceCDeclarations } from "./cdef.ts";
import { candidates } from "./test-helpers.ts";

beforeAll(loadCParser);

describe("the C of FFI strings", () => {
  it("parses declarations with the names they declare, and every field", () => {
    const c = cDeclarations(
      "typedef struct { int32_t a, b; double c; } item_t;\nstruct node { struct node *next; };\n",
    )!;
    expect(c.declarations.map((d) => d.names)).toEqual([["item_t"], ["node"]]);
    expect(c.fields.map((f) => f.name)).toEqual(["a", "b", "c", "next"]);
  });

  it("recovers from what LuaJIT takes and C does not, and refuses text that is not ASCII", () => {
    expect(cDeclarations("struct { int x; int y; }")!.fields.map((f) => f.name)).toEqual(["x", "y"]);
    expect(cDeclarations("int32_t[?]")).not.toBeNull();
    expect(cDeclarations("struct { int \u00e9; }")).toBeNull();
  });

  const source = [
    'local ffi = require("ffi")',
    "ffi.cdef[[",
    "typedef struct { int32_t a, b; double c; } item_t;",
    "typedef int unused_t;",
    "]]",
    'local p = ffi.new("item_t[?]", 4)',
    'local q = ffi.new("struct { int x; int y; }")',
    "print(p[0].a, q.x)",
    "",
  ].join("\n");

  it("removes unused typedefs and fields one at a time, in cdef and in ffi.new's types", () => {
    const out = candidates(source, reduceCDeclarations);
    expect(out.slice(0, 5).map((s) => s.split("\n").slice(2, 4).join("\n"))).toEqual([
      "typedef struct { int32_t a, b; double c; } item_t;\n]]",
      // What the program names nowhere, at once, then one at a time.
      "typedef struct { int32_t a; } item_t;\ntypedef int unused_t;",
      "typedef struct { int32_t b; double c; } item_t;\ntypedef int unused_t;",
      "typedef struct { int32_t a; double c; } item_t;\ntypedef int unused_t;",
      "typedef struct { int32_t a, b; } item_t;\ntypedef int unused_t;",
    ]);
    expect(out[5]).toContain("ffi.cdef[[typedef struct { int32_t a, b; double c; } item_t; typedef int unused_t;]]");
    expect(out[6]).toContain('ffi.new("struct { int y; }")');
    expect(out[7]).toContain('ffi.new("struct { int x; }")');
    expect(out).toHaveLength(8);
  });
});
