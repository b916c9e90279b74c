// The import boundaries of the layering (README, "Layout"; ARCHITECTURE.md),
// checked by `npm run lint`. oracle/ and generators/ are the ground floor and
// know nothing of the harness; each stage folder is entered through its
// index.ts; nothing imports in a circle.
/** A stage: a folder directly under harness/ or oracle/. harness/testing/ holds test helpers, not a stage. */
const STAGE = "^(harness|oracle)/([^/]+)/";
const INDEX = "^(harness|oracle)/[^/]+/index\\.ts$|^generators/index\\.ts$";
const TESTING = "^harness/testing/";

export default {
  forbidden: [
    {
      name: "no-circular",
      comment: "Files that import each other in a loop are one concept split in two, or two tied together.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "oracle-stands-alone",
      comment: "The oracle judges machine code on its own: no process, no file, nothing of the harness.",
      severity: "error",
      from: { path: "^oracle/" },
      to: { path: "^(harness|generators)/" },
    },
    {
      name: "generators-stand-alone",
      comment: "The generators are pure: they build programs and know nothing of how they are run.",
      severity: "error",
      from: { path: "^generators/" },
      to: { path: "^(harness|oracle)/" },
    },
    {
      name: "stage-internals",
      comment: "A stage folder is entered through its index.ts; only its own files reach inside.",
      severity: "error",
      from: { path: STAGE },
      to: { path: `${STAGE}.`, pathNot: ["^$1/$2/", INDEX, TESTING] },
    },
    {
      name: "stage-internals-from-outside",
      comment: "A stage folder is entered through its index.ts, from scripts/, bin/ and harness/'s own files too.",
      severity: "error",
      from: { pathNot: STAGE },
      to: { path: `${STAGE}.`, pathNot: [INDEX, TESTING] },
    },
    {
      name: "generators-internals",
      comment: "The generators are entered through generators/index.ts.",
      severity: "error",
      from: { pathNot: "^generators/" },
      to: { path: "^generators/.", pathNot: INDEX },
    },
    {
      name: "test-helpers-in-tests",
      comment: "harness/testing/ holds helpers for tests: no module of ljfuzz depends on them.",
      severity: "error",
      from: { path: "\\.(ts|js)$", pathNot: ["\\.test\\.ts$", TESTING] },
      to: { path: TESTING },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
