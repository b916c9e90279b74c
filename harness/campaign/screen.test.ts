import { describe, expect, it } from "vitest";
import { formatSignature } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import { recordedBatch } from "../testing/recorded.ts";
import { compareBatch, type Suspect, screen } from "./screen.ts";

const files = [0, 1, 2, 3].map((index) => ({ index, path: `case-${index}.lua`, jitOptions: ["hotloop=1"] }));

describe("compareBatch", () => {
  it("suspects the cases whose outputs differ, and the one a crash stopped", () => {
    const on = recordedBatch(
      "on",
      [
        [0, "a"],
        [1, "b"],
      ],
      2,
    );
    const off = recordedBatch("off", [
      [0, "a"],
      [1, "B"],
      [2, "c"],
      [3, "d"],
    ]);
    const { suspects, done } = compareBatch(files, on, off);
    expect(suspects.map((s) => [s.file.index, formatSignature(s.signature)])).toEqual([
      [1, "mismatch:-:-:-"],
      [2, "crash:-:-:-"],
    ]);
    // Case 3 never ran with the JIT on: it goes into the next batch.
    expect([...done].sort()).toEqual([0, 1, 2]);
  });

  it("ignores heap addresses in outputs", () => {
    const on = recordedBatch("on", [[0, "table: 0x7f0011223344"]]);
    const off = recordedBatch("off", [[0, "table: 0x400011223344"]]);
    expect(compareBatch(files.slice(0, 1), on, off).suspects).toEqual([]);
  });
});

describe("screening a batch", () => {
  const target = { name: "openresty-2023" } as Target;

  it("reruns the cases after a crash in a new process, and confirms each suspect in case order", async () => {
    const asked: string[] = [];
    const seen: string[] = [];
    const restarts = await screen(target, files, {
      runBatch: async (_t, pending, mode) => {
        asked.push(`${mode} ${pending.map((f) => f.index).join(",")}`);
        if (mode === "off")
          return recordedBatch(
            "off",
            pending.map((f) => [f.index, `${f.index}`]),
          );
        // The first JIT-on process dies by SIGILL in case 1; the rerun of the rest lives.
        return pending[0]!.index === 0
          ? recordedBatch("on", [[0, "0"]], 1, { signal: "SIGILL", exitCode: null })
          : recordedBatch(
              "on",
              pending.map((f) => [f.index, f.index === 3 ? "wrong" : `${f.index}`]),
            );
      },
      compared: (c) => seen.push(`traces ${c.tally.traces}, screened ${c.screened.map((s) => s.file.index)}`),
      suspect: async (s: Suspect<(typeof files)[number]>) => {
        seen.push(`${s.file.index} ${formatSignature(s.signature)}`);
      },
    });
    expect(restarts).toBe(1);
    expect(asked).toEqual(["on 0,1,2,3", "off 0,1,2,3", "on 2,3", "off 2,3"]);
    expect(seen).toEqual(["traces 0, screened 0", "1 crash:SIGILL:-:-", "traces 0, screened 2,3", "3 mismatch:-:-:-"]);
  });

  it("stops when a process gets nowhere, and when the campaign is stopped", async () => {
    const nowhere = recordedBatch("on", [], null, { spawnError: "no qemu" });
    let batches = 0;
    const hooks = {
      runBatch: async () => {
        batches++;
        return nowhere;
      },
      compared: () => {},
      suspect: async () => {},
    };
    expect(await screen(target, files, hooks)).toBe(0);
    expect(batches).toBe(2);
    const stopped = new AbortController();
    stopped.abort();
    expect(await screen(target, files, { ...hooks, signal: stopped.signal })).toBe(0);
    expect(batches).toBe(2);
  });
});
