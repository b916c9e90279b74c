import { describe, expect, it } from "vitest";
import { formatProgress, progressLine } from "./progress-line.ts";

const progress = {
  tests: 180,
  seconds: 14.2,
  pass: "expressions",
  linesBefore: 106,
  bytesBefore: 2543,
  lines: 12,
  bytes: 240,
  improved: true,
};

describe("progress", () => {
  it("puts the best so far first", () => {
    expect(formatProgress(progress)).toBe(
      "12 lines, 240 bytes (from 106 lines, 2543 bytes) | 180 tests, 14 s | expressions",
    );
  });

  it("rewrites one line in place on a terminal, and ends it when stopped", () => {
    const written: string[] = [];
    const stream = {
      isTTY: true,
      columns: 200,
      write: (s: string) => written.push(s),
    } as unknown as NodeJS.WriteStream;
    const view = progressLine({ quiet: false, stream });
    view.update(progress);
    view.update({ ...progress, lines: 11 });
    view.stop();
    expect(written).toEqual([
      `\r\x1b[2Kljfuzz: ${formatProgress(progress)}`,
      `\r\x1b[2Kljfuzz: ${formatProgress({ ...progress, lines: 11 })}`,
      "\n",
    ]);
  });

  it("says nothing when quiet", () => {
    const written: string[] = [];
    const stream = {
      isTTY: true,
      columns: 200,
      write: (s: string) => written.push(s),
    } as unknown as NodeJS.WriteStream;
    const view = progressLine({ quiet: true, stream });
    view.update(progress);
    view.stop();
    expect(written).toEqual([]);
  });
});
