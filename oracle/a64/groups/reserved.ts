// Reserved spaces. At the bottom of the map, udf #imm16 (all-zero words
// included: a zeroed code buffer decodes as udf #0) and nothing else. At the
// top, every word whose bits 31..25 are all ones is unallocated: this is where
// the pre-PR #1028 LDP/STP smear lands (sign bits ORed over the opcode).
import { form, type GroupTable, hole } from "../form.ts";
import { imm } from "../operand.ts";

export const reservedTable: GroupTable = {
  groups: [
    { id: "reserved", mask: 0x9e000000, value: 0x00000000 },
    { id: "reserved-top", mask: 0xfe000000, value: 0xfe000000 },
  ],
  entries: [
    form("reserved", "udf", 0xffff0000, 0x00000000, [imm(0, 16, { decimal: true })]),
    // binutils knows 0x0020xxxx-0x003fxxxx but prints "NYI": not comparable, not modeled.
    hole("reserved", 0xffe00000, 0x00200000),
  ],
};
