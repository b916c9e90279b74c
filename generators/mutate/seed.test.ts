import { readFileSync } from "node:fs";
import luaparse from "luaparse";
import { describe, expect, it } from "vitest";
import { readCorpus } from "../../harness/corpus/entry.ts";
import { corpusSeeds, type Seed, seedOf } from "../lift/seeds.ts";
import { PROGRAM_MUTATOR_NAMES } from "./program-mutators.ts";
import { mutateSeed } from "./seed.ts";
import { TEXT_MUTATOR_NAMES } from "./text-mutators.ts";

const seeds = corpusSeeds(
  readCorpus().map((e) => ({ id: e.id, source: readFileSync(e.program, "latin1"), jitOptions: e.jitOptions })),
);
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

  it("edits seeds kept as text, keeping them parseable where they were", () => {
    const seed: Seed = seedOf(
      "t.lua",
      "local z = 1i\nlocal s = 0\nfor i = 1, 10 do\n  s = s + i * 3\nend\nprint(s, z)\n",
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
