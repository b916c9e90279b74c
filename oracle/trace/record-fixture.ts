// A trace record's fields with nothing in them, for the tests of this
// folder to fill in what each one is about.
import type { TraceRecord } from "./record.ts";

export const EMPTY_RECORD_FIELDS: Omit<TraceRecord, "ir" | "packedIr"> = {
  trace: 1,
  parent: null,
  parentExit: null,
  source: "@x.lua",
  line: 1,
  link: 0,
  linkType: "loop",
  bytecode: [],
  constants: [],
  snapshots: [],
  mcode: { address: 0x1000, loop: -1, hex: "" },
  exitStubs: [],
};
