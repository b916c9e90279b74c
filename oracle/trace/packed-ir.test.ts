import { describe, expect, it } from "vitest";
import { type IrInstruction, PackedIr, packedIrOf, packedTraceRecord, type TraceRecord } from "./index.ts";
import { EMPTY_RECORD_FIELDS } from "./record-fixture.ts";

const ins = (ref: number, op: string, extra: Partial<IrInstruction> = {}): IrInstruction => ({
  ref,
  op,
  type: "int",
  mode: 0,
  ot: 0x13,
  op1: 0,
  op2: 0,
  rid: 255,
  spill: 0,
  ...extra,
});

const fields = EMPTY_RECORD_FIELDS;

describe("PackedIr", () => {
  it("gives back the instructions it was made of, fields and literal names included", () => {
    const list = [ins(1, "SLOAD", { op1: 2, op2: 3, rid: 1 }), ins(2, "FLOAD", { op1: 1, lit: "tab.meta", spill: 4 })];
    const packed = PackedIr.of(list);
    expect(packed.count).toBe(2);
    expect(packed.instructions()).toEqual(list);
    expect([packed.op(2), packed.lit(2), packed.spill(2), packed.rid(1)]).toEqual(["FLOAD", "tab.meta", 4, 1]);
  });

  it("tells refs a hand-made record skips from instructions", () => {
    const packed = PackedIr.of([ins(1, "ADD"), ins(3, "XLOAD")]);
    expect([packed.has(1), packed.has(2), packed.has(3), packed.has(0), packed.has(4)]).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(packed.op(2)).toBe("");
    expect(packed.instructions().map((i) => i.ref)).toEqual([1, 3]);
  });
});

describe("packedTraceRecord", () => {
  const list = [ins(1, "SLOAD"), ins(2, "ADD", { op1: 1, op2: 1 })];
  const record = packedTraceRecord(fields, PackedIr.of(list));

  it("makes its instructions when ir is read, and keeps the columns out of JSON and spreads", () => {
    expect(record.ir).toEqual(list);
    const json = JSON.parse(JSON.stringify(record)) as TraceRecord;
    expect(json.ir).toEqual(list);
    expect("packedIr" in json).toBe(false);
    const copy: TraceRecord = { ...record, caseIndex: 3 };
    expect(copy.ir).toEqual(list);
    expect(copy.packedIr).toBeUndefined();
  });

  it("is read as columns by packedIrOf, its own or made from ir", () => {
    expect(packedIrOf(record)).toBe(record.packedIr);
    const plain: TraceRecord = { ...fields, ir: list };
    expect(packedIrOf(plain).instructions()).toEqual(list);
    expect(packedIrOf(plain)).toBe(packedIrOf(plain));
  });
});
