// `ljfuzz encode "ldp w26, w27, [x27, #-8]"` prints the instruction word,
// 0x297f6f7a. Several instructions may be given, separated by ";" or as
// separate arguments; with none, lines are read from stdin. The syntax is
// binutils' (what `ljfuzz decode` and objdump print).
import type { Command } from "commander";
import { EncodeError, encode, wordHex } from "../../../oracle/a64/index.ts";
import { ExitCode, LjfuzzError } from "../../errors.ts";
import { parseAddressOption, readStdin, type SetExitCode } from "../options.ts";

export interface EncodeOptions {
  /** Address of the first instruction, for PC-relative operands (branch targets). */
  readonly address?: number;
  readonly json?: boolean;
}

/** Splits the command line (or stdin) into instructions: ";" and newlines separate them. */
export function splitInstructions(parts: readonly string[]): string[] {
  return parts
    .join(" ")
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The output of `ljfuzz encode` for these instructions; throws LjfuzzError on bad input. */
export function runEncode(instructions: readonly string[], options: EncodeOptions = {}): string {
  if (instructions.length === 0) throw new LjfuzzError(ExitCode.usage, "no instruction to encode");
  const base = options.address ?? 0;
  const results = instructions.map((text, i) => {
    try {
      return { text, word: encode(text, base + 4 * i) };
    } catch (e) {
      if (e instanceof EncodeError)
        throw new LjfuzzError(
          ExitCode.usage,
          `cannot encode "${text}": not an A64 instruction in binutils syntax that ljfuzz models`,
        );
      throw e;
    }
  });
  if (options.json)
    return `${JSON.stringify(
      results.map((r) => ({ text: r.text, word: wordHex(r.word) })),
      null,
      2,
    )}\n`;
  return results.map((r) => `${wordHex(r.word)}\n`).join("");
}

export function registerEncode(program: Command, setExitCode: SetExitCode): void {
  program
    .command("encode")
    .description("assemble A64 instructions (binutils syntax) into 32-bit words")
    .argument("[instruction...]", 'e.g. "ldp w26, w27, [x27, #-8]"; several separated by ";"; none: read stdin')
    .option("--address <addr>", "address of the first instruction, for branch targets", "0")
    .option("--json", "print a JSON array of { text, word }")
    .action(async (parts: string[], opts: { address: string; json?: boolean }) => {
      const address = parseAddressOption(opts.address);
      const input = parts.length > 0 ? parts : [await readStdin()];
      process.stdout.write(runEncode(splitInstructions(input), { address, json: opts.json === true }));
      setExitCode(ExitCode.ok);
    });
}
