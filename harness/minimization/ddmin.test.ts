import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type InterestingTest, type Pass, search } from "./ddmin.ts";
import { luaSearchPlan } from "./lua-candidates.ts";
import { isSmaller, sizeOf } from "./size.ts";

/** One pass: remove the character at each position (site = position). */
const dropChar: Pass = {
  name: "drop a character",
  variants: (source) => [...source].map((_, i) => ({ site: i, build: () => source.slice(0, i) + source.slice(i + 1) })),
};

const plan = (): Pass[] => [dropChar];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A seeded pseudo-random delay, so tests finish out of order. */
function jitter(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % 7;
  };
}

describe("the search", () => {
  it("reduces to a fixpoint of its passes", async () => {
    const test: InterestingTest = async (s) => /a.*b.*c/.test(s);
    const result = await search("xxaxxbxxcxx", { plan, test, window: 1 });
    expect(result.best).toBe("abc");
    expect(result.fixpoint).toBe(true);
  });

  it("adds the finer passes once the others reach their fixpoint, and ends at the fixpoint of both", async () => {
    // The coarse pass drops whole words, the finer one characters.
    const dropWord: Pass = {
      name: "drop a word",
      variants: (source) =>
        source.split(" ").map((_, i, words) => ({ site: i, build: () => words.filter((_, k) => k !== i).join(" ") })),
    };
    const seen: string[] = [];
    const watched = (pass: Pass, name: string): Pass => ({
      ...pass,
      variants: (s) => {
        seen.push(`${name} ${s}`);
        return pass.variants(s);
      },
    });
    const test: InterestingTest = async (s) => s.includes("b");
    const result = await search("aa bb cc", {
      plan: () => [watched(dropWord, "word")],
      finer: [() => [watched(dropChar, "char")]],
      test,
      window: 1,
    });
    expect(result.best).toBe("b");
    expect(result.fixpoint).toBe(true);
    // Characters only once a whole round of words changed nothing (the second on "bb"), and words still in every round.
    const firstChar = seen.findIndex((e) => e.startsWith("char"));
    expect(seen.slice(0, firstChar + 1)).toEqual([
      "word aa bb cc",
      "word bb cc",
      "word bb",
      "word bb",
      "word bb",
      "char bb",
    ]);
    expect(seen.slice(firstChar + 1)).toContain("word b");
  });

  it("accepts the first interesting variant in order, not the first to finish", async () => {
    // Both 'x's are removable alone, not together; the later variant answers first.
    const test: InterestingTest = async (s) => {
      await sleep(s.startsWith("x") ? 30 : 0);
      return s.length >= 3 && s.includes("a");
    };
    const result = await search("xyay", { plan, test, window: 4 });
    const sequential = await search("xyay", { plan, test, window: 1 });
    expect(result.best).toBe(sequential.best);
    expect(result.best).toBe("yay");
  });

  it("is deterministic whatever the window and the timing (Lua passes, fake test)", async () => {
    const source = readFileSync(new URL("./fixtures/gateway-worker.lua", import.meta.url), "latin1");
    // Stands for "still crashes": the two loads through a cast pointer inside a loop.
    const looksLikeTheBug = (s: string) =>
      /ffi\.cast\(/.test(s) && /\[-1\]/.test(s) && /\[-2\]/.test(s) && /\bfor\b/.test(s);
    const reduce = async (window: number, seed: number) => {
      const delay = jitter(seed);
      const test: InterestingTest = async (s) => {
        await sleep(delay());
        return looksLikeTheBug(s);
      };
      return search(source, { plan: luaSearchPlan, test, window });
    };
    const one = await reduce(1, 1);
    const three = await reduce(3, 2);
    const again = await reduce(3, 3);
    expect(three.best).toBe(one.best);
    expect(again.best).toBe(one.best);
    expect(one.fixpoint).toBe(true);
    expect(sizeOf(one.best).lines).toBeLessThanOrEqual(8);
    expect(looksLikeTheBug(one.best)).toBe(true);
  }, 60_000);

  it("never tests one text twice", async () => {
    const seen: string[] = [];
    const test: InterestingTest = async (s) => {
      seen.push(s);
      return s.includes("q");
    };
    const result = await search("aaqaa", { plan, test, window: 1 });
    expect(result.best).toBe("q");
    expect(new Set(seen).size).toBe(seen.length);
    expect(result.tests).toBe(seen.length);
  });

  it("stops when asked, with the best so far, each improvement smaller than the last", async () => {
    const improvements: string[] = [];
    let tests = 0;
    const test: InterestingTest = async (s) => {
      tests++;
      return s.includes("k");
    };
    const result = await search("abcdefghijk", {
      plan,
      test,
      window: 2,
      shouldStop: () => tests >= 4,
      onImprove: (state) => improvements.push(state.best),
    });
    expect(result.fixpoint).toBe(false);
    expect(result.best).toBe(improvements.at(-1));
    expect(result.best.endsWith("k")).toBe(true);
    expect(result.best.length).toBeGreaterThan(1);
    for (let i = 1; i < improvements.length; i++) expect(isSmaller(improvements[i]!, improvements[i - 1]!)).toBe(true);
  });

  it("only accepts smaller variants, so it ends even when a pass proposes growth", async () => {
    const grow: Pass = {
      name: "grow",
      variants: (s) => [
        { site: 0, build: () => `${s}!` },
        { site: 1, build: () => null },
      ],
    };
    const result = await search("abc", { plan: () => [grow], test: async () => true, window: 2 });
    expect(result).toMatchObject({ best: "abc", tests: 0, fixpoint: true });
  });

  it("lets a failing test fail the search", async () => {
    const test: InterestingTest = async () => {
      throw new Error("the target is gone");
    };
    await expect(search("abc", { plan, test, window: 2 })).rejects.toThrow("the target is gone");
  });
});
