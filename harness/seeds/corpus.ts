// The corpus's entries as seeds: each entry's program with its JIT options,
// read as binary strings (the lifter keeps every byte of a string literal).
import { readFileSync } from "node:fs";
import { corpusSeeds, type Seed } from "../../generators/index.ts";
import { type CorpusEntry, readCorpus } from "../corpus/index.ts";

export function readCorpusSeeds(entries: readonly CorpusEntry[] = readCorpus()): Seed[] {
  return corpusSeeds(
    entries.map((e) => ({ id: e.id, source: readFileSync(e.program, "latin1"), jitOptions: e.jitOptions })),
  );
}
