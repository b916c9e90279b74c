// Making a failing program small: shrinking a generated case through its
// generator (shrink-generated.ts), and reducing any Lua file as text, by
// delta debugging over its syntax tree (reduce-file.ts).

export { progressLine } from "./progress-line.ts";
export { type ReduceFileOptions, type ReduceProgress, type ReduceReport, reduceFile } from "./reduce-file.ts";
export { type ShrinkBudget, type ShrinkOutcome, shrinkGenerated } from "./shrink-generated.ts";
