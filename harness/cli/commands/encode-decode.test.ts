// The encode/decode commands' logic, without a process; and their wiring
// through commander.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { ExitCode, LjfuzzError } from "../../errors.ts";
import { parseAddressOption } from "../options.ts";
import { parseWord, registerDecode, runDecode, splitWords } from "./decode.ts";
import { registerEncode, runEncode, splitInstructions } from "./encode.ts";

describe("ljfuzz encode", () => {
  it("prints the word of an instruction", () => {
    expect(runEncode(["ldp w26, w27, [x27, #-8]"])).toBe("0x297f6f7a\n");
  });

  it("takes several instructions and an address for branch targets", () => {
    expect(runEncode(splitInstructions(["mov x0, x1;", "b 8"]), { address: 4 })).toBe("0xaa0103e0\n0x14000000\n");
    expect(splitInstructions(["mov", "x0,", "x1"])).toEqual(["mov x0, x1"]);
  });

  it("prints JSON", () => {
    expect(JSON.parse(runEncode(["nop"], { json: true }))).toEqual([{ text: "nop", word: "0xd503201f" }]);
  });

  it("rejects unparsable assembly with a usage error", () => {
    const run = (): string => runEncode(["ldp w0, w1, [x2, #-9]"]);
    expect(run).toThrow(LjfuzzError);
    expect(run).toThrow(/cannot encode "ldp w0, w1, \[x2, #-9\]"/);
    try {
      run();
    } catch (e) {
      expect((e as LjfuzzError).exitCode).toBe(ExitCode.usage);
    }
    expect(() => runEncode([])).toThrow(/no instruction/);
  });
});

describe("ljfuzz decode", () => {
  it("prints one line per word", () => {
    expect(runDecode(["0xffff6f7a", "0x297f6f7a"])).toBe(
      "0xffff6f7a  unallocated\n0x297f6f7a  ldp w26, w27, [x27, #-8]\n",
    );
  });

  it("says unmodeled for groups it does not model", () => {
    expect(runDecode(["d5033fdf"])).toBe("0xd5033fdf  unmodeled\n");
  });

  it("prints JSON", () => {
    expect(JSON.parse(runDecode(["0x297f6f7a", "ffff6f7a"], { json: true }))).toEqual([
      { word: "0x297f6f7a", status: "valid", text: "ldp w26, w27, [x27, #-8]" },
      { word: "0xffff6f7a", status: "unallocated" },
    ]);
  });

  it("places branch targets at the given address", () => {
    expect(runDecode(["14000001", "14000001"], { address: 0x1000 })).toBe("0x14000001  b 1004\n0x14000001  b 1008\n");
  });

  it("reads words split by whitespace or commas", () => {
    expect(splitWords("0x1 0x2,\n0x3")).toEqual(["0x1", "0x2", "0x3"]);
  });

  it("rejects what is not a word or an address", () => {
    expect(() => parseWord("xyz")).toThrow(/not a 32-bit hex word/);
    expect(() => parseWord("0x123456789")).toThrow(LjfuzzError);
    expect(() => parseAddressOption("0x1002")).toThrow(/aligned/);
    expect(parseAddressOption("0x1000")).toBe(0x1000);
    expect(() => runDecode([])).toThrow(/no word/);
  });
});

describe("commander wiring", () => {
  async function run(args: string[]): Promise<{ out: string; code: number | undefined }> {
    const program = new Command("ljfuzz").exitOverride();
    let code: number | undefined;
    registerEncode(program, (c) => (code = c));
    registerDecode(program, (c) => (code = c));
    let out = "";
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => {
      out += s;
      return true;
    }) as typeof process.stdout.write;
    try {
      await program.parseAsync(args, { from: "user" });
    } finally {
      process.stdout.write = write;
    }
    return { out, code };
  }

  it("runs encode and decode", async () => {
    expect(await run(["encode", "ldp w26, w27, [x27, #-8]"])).toEqual({ out: "0x297f6f7a\n", code: 0 });
    expect((await run(["decode", "--json", "0x297f6f7a"])).out).toContain('"text": "ldp w26, w27, [x27, #-8]"');
  });

  it("throws usage errors for bad input", async () => {
    await expect(run(["decode", "nothex"])).rejects.toMatchObject({ exitCode: ExitCode.usage });
    await expect(run(["encode", "frob", "x0"])).rejects.toMatchObject({ exitCode: ExitCode.usage });
  });
});
