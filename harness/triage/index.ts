// Triage: where a failure points when the oracle cannot say. The JIT options
// it needs and the optimizations that hide it (refine.ts, needed-options.ts),
// and the commit where a behaviour changed (bisect.ts).

export { type BisectOptions, type BisectResult, bisect, type CommitVerdict } from "./bisect.ts";
export { refineSignature } from "./refine.ts";
