// The reduction as a person watches it: one line on stderr, rewritten in
// place on a terminal; a line every few seconds otherwise (CI logs);
// nothing at all with --json.
import type { ReduceProgress } from "./reduce-file.ts";

export interface ProgressLine {
  update(progress: ReduceProgress): void;
  stop(): void;
}

/** The best first (a narrow terminal cuts the end): "12 lines, 240 bytes (from 106 lines, 2543 bytes) | 180 tests, 14 s | expressions". */
export function formatProgress(p: ReduceProgress): string {
  return `${p.lines} lines, ${p.bytes} bytes (from ${p.linesBefore} lines, ${p.bytesBefore} bytes) | ${p.tests} tests, ${p.seconds.toFixed(0)} s | ${p.pass}`;
}

export function progressLine(options: { quiet: boolean; stream?: NodeJS.WriteStream }): ProgressLine {
  if (options.quiet) return { update() {}, stop() {} };
  const stream = options.stream ?? process.stderr;
  if (stream.isTTY) {
    let shown = false;
    let lastDraw = 0;
    return {
      update(p) {
        // Redrawing on every test would flicker; a new best always shows.
        const now = performance.now();
        if (!p.improved && now - lastDraw < 100) return;
        lastDraw = now;
        const width = Math.max(20, (stream.columns ?? 100) - 1);
        stream.write(`\r\x1b[2K${`ljfuzz: ${formatProgress(p)}`.slice(0, width)}`);
        shown = true;
      },
      stop() {
        if (shown) stream.write("\n");
        shown = false;
      },
    };
  }
  let lastLine = 0;
  return {
    update(p) {
      if (p.seconds - lastLine < 10) return;
      lastLine = p.seconds;
      stream.write(`ljfuzz: ${formatProgress(p)}\n`);
    },
    stop() {},
  };
}
