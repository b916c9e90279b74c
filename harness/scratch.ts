// Scratch folders: made under the system's temporary folder and removed when
// their work is done, or at the latest when the process exits. Commands exit
// at once on Ctrl-C (what was found is on disk by then), and a run cut short
// must not leave its folder behind.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const live = new Set<string>();
let hooked = false;

/** A new empty folder, `ljfuzz-PREFIX-XXXXXX` in the temporary folder (or in `parent`). */
export function makeScratch(prefix: string, parent: string = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `ljfuzz-${prefix}-`));
  live.add(dir);
  if (!hooked) {
    hooked = true;
    process.on("exit", () => {
      for (const d of live) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

export function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}
