// Coverage of the JIT compiler's sources on `+cov` builds: gcov's line
// counts, and programs run to measure them (the runtime these builds link,
// runtime.c, and the edge maps it fills are the build's and the runner's:
// targets/coverage-build.ts, execution/edge-map.ts).

export { coverageGap, type FunctionGap } from "./gap.ts";
export {
  type FileHits,
  type FileLines,
  fileLines,
  gcovEnvironment,
  lineCoverage,
  lineHits,
  mergeGcov,
  mergeGcovHits,
  type SourceFunction,
} from "./gcov-report.ts";
export { type CoverageMeasure, type CoverageProgram, measureCoverage } from "./measure.ts";
