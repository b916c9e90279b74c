import luaparse from "luaparse";
import { describe, expect, it } from "vitest";
import { everyLibraryOp, LIB_OP_NAMES } from "../arbitraries/lib-ops.ts";
import type { ItemPlan } from "../arbitraries/plan.ts";
import { aliasConflicts, buildCase, checkBounds, checkClean, generateCase, mutateCase } from "../index.ts";

const libOps = (items: readonly ItemPlan[]): string[] =>
  items.flatMap((it) => {
    if (it.tag === "lib") return [it.op];
    if (it.tag === "branch") return [...libOps(it.then), ...libOps(it.else)];
    if (it.tag === "inner") return libOps(it.items);
    return [];
  });

describe("library items", () => {
  it("appear in a fair share of generated cases, every operation among them", () => {
    const seen = new Set<string>();
    let cases = 0;
    for (let i = 0; i < 400; i++) {
      const ops = generateCase(3, i).plan.blocks.flatMap((b) => libOps(b.items));
      if (ops.length > 0) cases++;
      for (const op of ops) seen.add(op);
    }
    expect(cases).toBeGreaterThan(100);
    expect(cases).toBeLessThan(320);
    expect([...seen].sort()).toEqual([...LIB_OP_NAMES].sort());
  });

  it("print valid Lua that keeps the rules: in bounds, no aliasing, clean stores", () => {
    const c = buildCase(everyLibraryOp(generateCase(5, 1).plan));
    expect(() => luaparse.parse(c.source, { luaVersion: "LuaJIT" })).not.toThrow();
    expect(checkBounds(c.program).errors).toEqual([]);
    expect(aliasConflicts(c.program)).toEqual([]);
    expect(checkClean(c.program)).toEqual([]);
    for (const text of [
      "tostring(",
      "tonumber(",
      "string.format(",
      "string.sub(",
      "math.fmod(",
      "math.sqrt(",
      'ffi.new("int32_t[?]"',
      'ffi.cast("uint64_t", ffi.cast("int64_t"',
      "table.insert(",
      "table.concat(",
      "in pairs(",
      "setmetatable(",
      "unpack(",
    ])
      expect(c.source).toContain(text);
    // Every operand is an int32 through tobit: no -0 reaches a double or a string.
    expect(c.source).not.toMatch(/string\.format\("%\.3f %5d", [^t]/);
  });
});

describe("library items under mutation", () => {
  it("change their operation (type) and their constant (constant)", () => {
    const parent = everyLibraryOp(generateCase(5, 1).plan, 1);
    const ops = (plan: typeof parent) => plan.blocks.flatMap((b) => libOps(b.items));
    const ks = (plan: typeof parent) => plan.blocks.flatMap((b) => b.items.map((it) => (it.tag === "lib" ? it.k : -1)));
    const typed = mutateCase(parent, 1, { weights: { type: 1 } }).plan;
    expect(ops(typed)).not.toEqual(ops(parent));
    expect(ops(typed)).toHaveLength(ops(parent).length);
    let changedK = false;
    for (let seed = 0; seed < 20 && !changedK; seed++)
      changedK =
        JSON.stringify(ks(mutateCase(parent, seed, { weights: { constant: 1 } }).plan)) !== JSON.stringify(ks(parent));
    expect(changedK).toBe(true);
  });
});
