// Coverage of the JIT compiler's sources on `+cov` builds: gcov's line
// counts, and programs run to measure them (the runtime these builds link,
// runtime.c, and the edge maps it fills are the build's and the runner's:
// targets/coverage-build.ts, execution/edge-map.ts).

export { type FileLines, gcovEnvironment, lineCoverage, mergeGcov } from "./gcov-report.ts";
export { type CoverageMeasure, type CoverageProgram, measureCoverage } from "./measure.ts";
