import luaparse from "luaparse";
import { describe, expect, it } from "vitest";
import { generateCase } from "../index.ts";
import { type Seed, seedOf } from "../lift/seeds.ts";
import { printProgram } from "../print/lua.ts";
import { PROGRAM_MUTATOR_NAMES } from "./program-mutators.ts";
import { mutateSeed } from "./seed.ts";
import { TEXT_MUTATOR_NAMES } from "./text-mutators.ts";

// Generated programs as seeds from text, as a campaign would seed from real ones (the corpus's entries as
// seeds: harness/seeds/seeds.test.ts).
const seeds = Array.from({ length: 24 }, (_, i) => {
  const c = generateCase(7, i);
  return seedOf(`generated/${i}`, c.source, c.jitOptions);
});
const parses = (source: string): boolean => {
  try {
    luaparse.parse(source, { luaVersion: "LuaJIT" });
    return true;
  } catch {
    return false;
  }
};

describe("mutateSeed", () => {
  it("mutates lifted seeds in the representation into other programs that parse, deterministically, with every mutator", () => {
    const made = new Set<string>();
    for (let n = 0; n < 400; n++) {
      const seed = seeds[n % seeds.length]!;
      const donor = seeds[(n * 5 + 1) % seeds.length]!;
      const m = mutateSeed(seed, n, donor);
      expect(m.kind).toBe("program");
      expect(mutateSeed(seed, n, donor).source).toBe(m.source);
      expect(seed.kind === "program" && m.source === seed.source && m.jitOptions === seed.program.jitOptions).toBe(
        false,
      );
      expect(parses(m.source), `${seed.origin}, ${n}, ${m.mutator}:\n${m.source}`).toBe(true);
      made.add(m.mutator);
    }
    expect([...made].sort()).toEqual([...PROGRAM_MUTATOR_NAMES].sort());
  });

  it("gives mutants that a campaign keeps as their text: reloaded by seedOf, they are the same seed", () => {
    for (let n = 0; n < 100; n++) {
      const seed = seeds[n % seeds.length]!;
      const m = mutateSeed(seed, n, seeds[(n * 3 + 2) % seeds.length]);
      // What a kept case stores: origin, source, JIT options.
      const stored = JSON.parse(JSON.stringify({ origin: seed.origin, source: m.source, jitOptions: m.jitOptions }));
      const again = seedOf(stored.origin, stored.source, stored.jitOptions);
      expect(again.kind, `${seed.origin}, ${n}, ${m.mutator}`).toBe("program");
      if (again.kind !== "program" || m.kind !== "program") continue;
      expect(printProgram(again.program)).toBe(m.source);
      expect(again.program.jitOptions).toEqual(m.jitOptions);
      // And its mutants are those of the mutant as it was made.
      const kept: Seed = { kind: "program", origin: seed.origin, source: m.source, program: m.program };
      expect(mutateSeed(again, n).source).toBe(mutateSeed(kept, n).source);
    }
  });

  it("edits seeds kept as text, keeping them parseable where they were", () => {
    const seed: Seed = seedOf(
      "t.lua",
      "local z = 1i\nlocal s = {0, 0}\nfor i = 1, 10 do\n  s[2] = s[1] + 3\n  s[1] = i\nend\nprint(s[2], z)\n",
    );
    expect(seed.kind).toBe("text");
    const made = new Set<string>();
    for (let n = 0; n < 60; n++) {
      const m = mutateSeed(seed, n);
      expect(m.kind).toBe("text");
      expect(parses(m.source), m.source).toBe(true);
      made.add(m.mutator);
    }
    expect([...made].sort()).toEqual([...TEXT_MUTATOR_NAMES].sort());
    // What luaparse cannot read still gets other JIT options.
    const broken = seedOf("b.lua", "local x = = 1\n");
    expect(mutateSeed(broken, 1)).toMatchObject({ kind: "text", mutator: "jitOptions", source: "local x = = 1\n" });
  });
});
