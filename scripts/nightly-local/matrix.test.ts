import { describe, expect, it } from "vitest";
import { expandMatrix } from "./matrix.ts";

describe("expandMatrix", () => {
  it("is one job without a matrix", () => {
    expect(expandMatrix(undefined)).toEqual([{}]);
  });

  it("multiplies the vectors, first key outermost, and appends an include that fits no combination", () => {
    const legs = expandMatrix({
      runner: ["ubuntu-24.04-arm"],
      shard: [0, 1, 2, 3],
      include: [{ runner: "ubuntu-24.04", shard: 4 }],
    });
    expect(legs).toEqual([
      { runner: "ubuntu-24.04-arm", shard: 0 },
      { runner: "ubuntu-24.04-arm", shard: 1 },
      { runner: "ubuntu-24.04-arm", shard: 2 },
      { runner: "ubuntu-24.04-arm", shard: 3 },
      { runner: "ubuntu-24.04", shard: 4 },
    ]);
  });

  it("adds an include's new keys to every combination it fits, and drops excluded ones (GitHub's documented example)", () => {
    const legs = expandMatrix({
      fruit: ["apple", "pear"],
      animal: ["cat", "dog"],
      exclude: [{ fruit: "pear", animal: "cat" }],
      include: [
        { color: "green" },
        { color: "pink", animal: "cat" },
        { fruit: "apple", shape: "circle" },
        { fruit: "banana" },
      ],
    });
    expect(legs).toEqual([
      { fruit: "apple", animal: "cat", color: "pink", shape: "circle" },
      { fruit: "apple", animal: "dog", color: "green", shape: "circle" },
      { fruit: "pear", animal: "dog", color: "green" },
      { fruit: "banana" },
    ]);
  });

  it("is the include entries alone when there is no vector", () => {
    expect(expandMatrix({ include: [{ a: 1 }, { a: 2 }] })).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("refuses a vector that is not a list", () => {
    expect(() => expandMatrix({ shard: 3 })).toThrow(/matrix shard must be a list/);
  });
});
