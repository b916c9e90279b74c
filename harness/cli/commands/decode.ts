// `ljfuzz decode WORD…` prints one line per word: the word and its
// disassembly in binutils' syntax, or `unallocated` (not an instruction: SIGILL)
// or `unmodeled` (an instruction group the oracle does not model). With no
// words on the command line, words are read from stdin (whitespace or comma
// separated). `--json` prints [{ word, status, text? }].
import type { Command } from "commander";
import { decode, wordHex } from "../../../oracle/a64/index.ts";
import { ExitCode, LjfuzzError } from "../../errors.ts";
import { parseAddressOption, readStdin, type SetExitCode } from "../options.ts";

export interface DecodeOptions {
  /** Address of the first word; the next ones follow 4 bytes apart. */
  readonly address?: number;
  readonly json?: boolean;
}

/** A 32-bit word from "0x297f6f7a" or "297f6f7a"; throws a usage error otherwise. */
export function parseWord(text: string): number {
  const m = /^(?:0x)?([0-9a-f]{1,8})$/i.exec(text.trim());
  if (!m) throw new LjfuzzError(ExitCode.usage, `not a 32-bit hex word: "${text}"`);
  return parseInt(m[1] ?? "0", 16) >>> 0;
}

/** Splits stdin text into word tokens. */
export function splitWords(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s !== "");
}

/** The output of `ljfuzz decode` for these word tokens; throws LjfuzzError on bad input. */
export function runDecode(tokens: readonly string[], options: DecodeOptions = {}): string {
  if (tokens.length === 0) throw new LjfuzzError(ExitCode.usage, "no word to decode");
  const base = options.address ?? 0;
  const rows = tokens.map(parseWord).map((word, i) => {
    const d = decode(word, base + 4 * i);
    return d.status === "valid"
      ? { word: wordHex(word), status: d.status, text: d.text }
      : { word: wordHex(word), status: d.status };
  });
  if (options.json) return `${JSON.stringify(rows, null, 2)}\n`;
  return rows.map((r) => `${r.word}  ${"text" in r ? r.text : r.status}\n`).join("");
}

export function registerDecode(program: Command, setExitCode: SetExitCode): void {
  program
    .command("decode")
    .description("disassemble 32-bit A64 words (binutils syntax); unallocated words are not instructions")
    .argument("[word...]", "hex words such as 0x297f6f7a; none: read stdin")
    .option("--address <addr>", "address of the first word, for branch targets", "0")
    .option("--json", "print a JSON array of { word, status, text? }")
    .action(async (words: string[], opts: { address: string; json?: boolean }) => {
      const address = parseAddressOption(opts.address);
      const tokens = words.length > 0 ? words : splitWords(await readStdin());
      process.stdout.write(runDecode(tokens, { address, json: opts.json === true }));
      setExitCode(ExitCode.ok);
    });
}
