import { describe, expect, it } from "vitest";
import { buildCase, generateCase, mutateCase } from "../../generators/index.ts";
import { caseId, decodeEntry, encodeEntry, type KeptCase } from "./entry.ts";

function kept(seed: number, index: number): KeptCase {
  const c = generateCase(seed, index);
  return {
    id: caseId(c.source),
    plan: c.plan,
    source: c.source,
    features: [3, 17, 65535],
    added: [17],
    edges: { "luajit-2022+cov": [0, 9] },
    origin: { kind: "fresh", seed, index },
  };
}

describe("a campaign corpus entry", () => {
  it("reads back as written, and its plan prints the same program again (fresh cases and mutants)", () => {
    for (let i = 0; i < 25; i++) {
      const entry = kept(5, i);
      const mutant = mutateCase(entry.plan, i, { donor: generateCase(5, i + 100).plan });
      const fromMutant: KeptCase = {
        ...entry,
        id: caseId(mutant.source),
        plan: mutant.plan,
        source: mutant.source,
        origin: { kind: "mutant", seed: 5, index: 1000 + i, parent: entry.id, mutator: mutant.mutator },
      };
      for (const e of [entry, fromMutant]) {
        const decoded = decodeEntry(encodeEntry(e));
        if (!decoded.ok) throw new Error(decoded.why);
        expect(decoded.kept).toEqual(e);
        expect(buildCase(decoded.kept.plan).source).toBe(e.source);
      }
    }
  });

  it("says in one line what is wrong with a corrupt one", () => {
    const good = JSON.parse(encodeEntry(kept(1, 0))) as Record<string, unknown>;
    const why = (text: string) => {
      const d = decodeEntry(text);
      return d.ok ? "ok" : d.why;
    };
    const edit = (change: Record<string, unknown>) => why(JSON.stringify({ ...good, ...change }));
    expect(why(JSON.stringify(good))).toBe("ok");
    expect(why('{"format": "ljfuzz-campaign-case/1", "id": ')).toMatch(/^not JSON/);
    expect(why("[]")).toBe("not a JSON object");
    expect(edit({ format: "something/2" })).toMatch(/format is not/);
    expect(edit({ source: `${good.source}\n-- edited` })).toBe("id is not the hash of its source");
    expect(edit({ features: [1, 65536] })).toMatch(/map indices/);
    expect(edit({ edges: { t: ["x"] } })).toMatch(/edges\.t/);
    expect(edit({ origin: { kind: "mutant", seed: 1, index: 2 } })).toMatch(/origin/);
    expect(edit({ plan: { ...(good.plan as object), blocks: 3 } })).toBe("plan.blocks is not a list");
    expect(edit({ plan: { ...(good.plan as object), blocks: [{ loop: null }] } })).toMatch(/^plan does not build/);
    for (const text of ["", "{", JSON.stringify({ ...good, plan: null })]) expect(why(text)).not.toMatch(/\n/);
  });
});
