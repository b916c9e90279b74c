// Ground truth for the A64 decoder: GNU binutils. Words are written as
// `.inst` lines into one assembly file, assembled once and disassembled once,
// so thousands of words cost two process starts, not thousands.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const AS = "aarch64-linux-gnu-as";
const OBJDUMP = "aarch64-linux-gnu-objdump";

/** What objdump made of one word: its text, or undefined for `.inst … ; undefined`. */
export interface ObjdumpResult {
  readonly word: number;
  /** Normalized text (see normalizeObjdumpText), undefined when objdump calls it undefined. */
  readonly text: string | undefined;
  /** The text exactly as objdump printed it after the raw word. */
  readonly raw: string;
}

let available: boolean | undefined;

/** True when the cross binutils are installed (tests skip otherwise). */
export function binutilsAvailable(): boolean {
  if (available === undefined) {
    try {
      execFileSync(OBJDUMP, ["--version"], { stdio: "ignore" });
      execFileSync(AS, ["--version"], { stdio: "ignore" });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * Reduces objdump's line to the text our decoder prints: the tab after the
 * mnemonic becomes one space, and what objdump adds for people only goes
 * away: ` <symbol+0x…>` after branch targets and `// …` comments.
 */
export function normalizeObjdumpText(raw: string): string {
  let text = raw.replace(/\s+\/\/.*$/, "");
  text = text.replace(/ <[^>]*>/g, "");
  text = text.replace(/\t/, " ").replace(/\s+$/, "");
  return text;
}

/**
 * Disassembles words with binutils. Word i sits at byte offset 4*i of .text,
 * which is the address to give our decoder for PC-relative operands.
 */
export function objdumpWords(words: readonly number[]): ObjdumpResult[] {
  const dir = mkdtempSync(join(tmpdir(), "ljfuzz-a64-"));
  try {
    const src = join(dir, "w.s");
    const obj = join(dir, "w.o");
    const lines = words.map((w) => `.inst 0x${(w >>> 0).toString(16).padStart(8, "0")}`);
    writeFileSync(src, `${lines.join("\n")}\n`);
    execFileSync(AS, [src, "-o", obj]);
    // -z: objdump otherwise folds a run of zero words into one "..." line.
    const out = execFileSync(OBJDUMP, ["-d", "-z", obj], { maxBuffer: 1 << 30, encoding: "utf8" });
    return parseObjdump(out, words.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseObjdump(out: string, count: number): ObjdumpResult[] {
  const results: ObjdumpResult[] = new Array<ObjdumpResult>(count);
  const line = /^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$/;
  for (const l of out.split("\n")) {
    const m = line.exec(l);
    if (!m) continue;
    const index = parseInt(m[1] ?? "0", 16) / 4;
    const word = parseInt(m[2] ?? "0", 16) >>> 0;
    const raw = m[3] ?? "";
    const undefinedWord = /^\.inst\t0x[0-9a-f]+ ; undefined/.test(raw);
    results[index] = { word, raw, text: undefinedWord ? undefined : normalizeObjdumpText(raw) };
  }
  for (let i = 0; i < count; i++) {
    if (results[i] === undefined) throw new Error(`objdump printed no line for word ${i}`);
  }
  return results;
}
