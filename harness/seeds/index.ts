// Seeds from real programs: the corpus's entries and LuaJIT's own test
// suite, read from disk and lifted by the generators (generators/lift/)
// where they fit, kept as text where they do not.

export { readCorpusSeeds } from "./corpus.ts";
export { selfContainedSuiteSeeds, testSuiteFiles, testSuiteFolder } from "./test-suite.ts";
