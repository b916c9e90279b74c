import fc from "fast-check";
import luaparse from "luaparse";
import { describe, expect, it } from "vitest";
import { caseArbitrary, generateCase } from "../index.ts";
import { exprText } from "./expr.ts";
import { fpLiteral, int64Literal } from "./literals.ts";

type Node = { type: string; [k: string]: unknown };

/** Every node of a luaparse tree. */
function* nodes(n: unknown): Generator<Node> {
  if (Array.isArray(n)) for (const x of n) yield* nodes(x);
  else if (n && typeof n === "object") {
    const o = n as Node;
    if (typeof o.type === "string") yield o;
    for (const v of Object.values(o)) if (v && typeof v === "object") yield* nodes(v);
  }
}

const parse = (src: string) =>
  luaparse.parse(src, { luaVersion: "LuaJIT", scope: true, comments: false } as Partial<luaparse.Options>);

/** Globals a generated program may read (the batch driver's env falls back to _G). */
const ALLOWED_GLOBALS = new Set([
  "require",
  "print",
  "math",
  "select",
  "setmetatable",
  "collectgarbage",
  // The library items (resolve/library.ts).
  "string",
  "table",
  "tostring",
  "tonumber",
  "unpack",
  "getmetatable",
  "pairs",
]);

describe("printer", () => {
  it("prints programs that parse as LuaJIT, read only a few globals and assign none", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const ast = parse(c.source);
        for (const g of (ast as unknown as { globals: { name: string }[] }).globals)
          expect(ALLOWED_GLOBALS).toContain(g.name);
        for (const n of nodes(ast.body)) {
          if (n.type !== "AssignmentStatement") continue;
          for (const v of n.variables as Node[])
            if (v.type === "Identifier") expect(v.isLocal, `global assignment to ${String(v.name)}`).toBe(true);
        }
        for (const banned of ["io.", "os.", "math.random", "arg", "ffi.cdef"]) expect(c.source).not.toContain(banned);
        // tostring only of int32 numbers (never of an object: its address), pairs only over a
        // library item's local array (its order is the array's).
        expect(c.source).not.toMatch(/tostring\((?!tobit\()/);
        expect(c.source).not.toMatch(/(?<!in )pairs\(|in pairs\((?!t\d+\))/);
        // The collector may only be stepped: a count or a full cycle's result differs between runs.
        for (const m of c.source.matchAll(/collectgarbage\((.*?)\)/g)) expect(m[1]).toMatch(/^"step", \d$/);
      }),
      { numRuns: 200 },
    );
  });

  it("starts with the JIT options header", () => {
    const c = generateCase(3, 4);
    expect(c.source.split("\n")[0]).toBe(`-- ljfuzz: -O${c.jitOptions.join(",")}`);
    expect(c.jitOptions[0]).toBe("hotloop=1");
  });

  it("spells literals exactly", () => {
    for (const v of [0.1, 1 / 3, 5e-324, 1e300, 2 ** 53, -2.25, 3]) expect(Number(fpLiteral(v))).toBe(v);
    expect(fpLiteral(-0)).toBe("-1 / math.huge");
    expect(int64Literal(-(1n << 63n), false)).toBe("(-0x7fffffffffffffffLL - 1)");
    expect(int64Literal(0xfefefefefefefefen, true)).toBe("0xfefefefefefefefeULL");
  });

  it("parenthesizes by Lua precedence", () => {
    const v = (name: string) => ({ tag: "var", name }) as const;
    const sub = {
      tag: "binop",
      op: "-",
      left: v("a"),
      right: { tag: "binop", op: "-", left: v("b"), right: v("c") },
    } as const;
    expect(exprText(sub)).toBe("a - (b - c)");
    const neg = { tag: "binop", op: "-", left: v("a"), right: { tag: "int", value: -5 } } as const;
    expect(exprText(neg)).toBe("a - -5");
    const sel = {
      tag: "binop",
      op: "or",
      left: { tag: "binop", op: "and", left: v("c"), right: v("a") },
      right: v("b"),
    } as const;
    expect(exprText(sel)).toBe("c and a or b");
  });
});
