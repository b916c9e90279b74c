// Trace records whose IR is held as columns (packed-ir.ts): the probe log
// reader makes them, and their `ir` objects exist only once someone reads
// `ir`. Readers that want the columns ask packedIrOf, which builds them from
// `ir` for records that came another way (JSON lines, tests).
import { PackedIr } from "./packed-ir.ts";
import type { TraceRecord } from "./record.ts";

/** A record with `packed` as its IR; `ir` is made from it on first read. */
export function packedTraceRecord(fields: Omit<TraceRecord, "ir" | "packedIr">, packed: PackedIr): TraceRecord {
  const record = {
    ...fields,
    get ir() {
      return packed.instructions();
    },
  };
  Object.defineProperty(record, "packedIr", { value: packed, enumerable: false });
  return record;
}

const packedOf = new WeakMap<TraceRecord, PackedIr>();

/** The trace's IR as columns: its own, or made once from its instruction objects. */
export function packedIrOf(trace: TraceRecord): PackedIr {
  if (trace.packedIr !== undefined) return trace.packedIr;
  let packed = packedOf.get(trace);
  if (packed === undefined) {
    packed = PackedIr.of(trace.ir);
    packedOf.set(trace, packed);
  }
  return packed;
}
