import { describe, expect, it } from "vitest";
import { machineCodeOfBytes, type TraceRecord, traceWords } from "./index.ts";
import { EMPTY_RECORD_FIELDS } from "./record-fixture.ts";

/** A record with nothing but its machine code. */
const withCode = (mcode: TraceRecord["mcode"]): TraceRecord => ({ ...EMPTY_RECORD_FIELDS, ir: [], mcode });

// ldp x0, x1, [x2, #-16] and ret, little-endian, as the probe log carries them (one char a byte).
const BYTES = String.fromCharCode(0x40, 0x04, 0x7f, 0xa9, 0xc0, 0x03, 0x5f, 0xd6);

describe("machineCodeOfBytes", () => {
  it("gives the words the hex gives, and the hex itself", () => {
    const code = machineCodeOfBytes(0x1000, -1, BYTES);
    expect(code.words).toEqual([0xa97f0440, 0xd65f03c0]);
    expect(code.hex).toBe("40047fa9c0035fd6");
    const fromHex = withCode({ address: 0x1000, loop: -1, hex: code.hex });
    expect(traceWords(fromHex)).toEqual(code.words);
    expect(traceWords(withCode(code))).toBe(code.words);
  });

  it("leaves the words out of JSON and spreads, which carry the hex", () => {
    const code = machineCodeOfBytes(0x2000, 8, BYTES);
    expect(JSON.parse(JSON.stringify(code))).toEqual({ address: 0x2000, loop: 8, hex: "40047fa9c0035fd6" });
    expect(Object.keys({ ...code }).sort()).toEqual(["address", "hex", "loop"]);
  });

  it("ignores a last word cut short, as the hex reader does", () => {
    const code = machineCodeOfBytes(0, -1, BYTES.slice(0, 6));
    expect(code.words).toEqual([0xa97f0440]);
    expect(traceWords(withCode({ address: 0, loop: -1, hex: code.hex }))).toEqual(code.words);
  });
});
