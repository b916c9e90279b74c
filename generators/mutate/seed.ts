/**
 * Mutants of seeds from real programs (../lift/seeds.ts): a lifted seed is
 * mutated in the representation and printed, one kept as text is edited as
 * text. Deterministic in (seed, donor, n); each mutant names its mutator.
 * A mutant is all in its text and JIT options: `seedOf(origin, source,
 * jitOptions)` makes it a seed again, the same after a reload from disk.
 */
import { liftLua } from "../lift/lift.ts";
import type { Seed } from "../lift/seeds.ts";
import { printProgram } from "../print/lua.ts";
import type { Program } from "../program/ast.ts";
import { dataText } from "./paths.ts";
import { mutateProgramWith, PROGRAM_MUTATOR_NAMES, type ProgramMutatorName } from "./program-mutators.ts";
import { choose, hashText, rngFor } from "./random.ts";
import { mutateTextWith, TEXT_MUTATOR_NAMES, type TextMutatorName } from "./text-mutators.ts";

export type SeedMutant =
  | {
      readonly kind: "program";
      readonly program: Program;
      readonly source: string;
      readonly jitOptions: readonly string[];
      readonly mutator: ProgramMutatorName;
    }
  | {
      readonly kind: "text";
      readonly source: string;
      readonly jitOptions: readonly string[];
      readonly mutator: TextMutatorName;
    };

const ATTEMPTS = 12;
const SALT = 0x73656564; // "seed"

/**
 * Mutant `n` of `seed` (with `donor`, a lifted program may take a
 * statement from another seed's): its text or options always differ from
 * the seed's; after ATTEMPTS draws that change nothing, the JIT options do.
 */
export function mutateSeed(seed: Seed, n: number, donor?: Seed): SeedMutant {
  const rng = rngFor(
    n,
    SALT ^ hashText(seed.origin) ^ hashText(seed.kind === "program" ? dataText(seed.program) : seed.source),
  );
  if (seed.kind === "program") {
    const before = printProgram(seed.program);
    const other = donor?.kind === "program" ? donor.program : undefined;
    const names = PROGRAM_MUTATOR_NAMES.filter((m) => m !== "splice" || other !== undefined);
    for (let attempt = 0; attempt <= ATTEMPTS; attempt++) {
      const mutator: ProgramMutatorName = attempt < ATTEMPTS ? choose(rng, names) : "jitOptions";
      const mutated = mutateProgramWith(mutator, seed.program, rng, other);
      if (!mutated) continue;
      const source = printProgram(mutated);
      if (source === before) continue;
      // The program lifted from its own text: what a campaign that keeps the text reloads, to the last node.
      const lifted = liftLua(source);
      if (!lifted.ok) throw new Error(`the printed mutant does not lift: ${lifted.reason}`);
      return { kind: "program", program: lifted.program, source, jitOptions: lifted.program.jitOptions, mutator };
    }
    throw new Error("no mutator changed the program");
  }
  const parent = { source: seed.source, jitOptions: seed.jitOptions };
  for (let attempt = 0; attempt <= ATTEMPTS; attempt++) {
    const mutator: TextMutatorName = attempt < ATTEMPTS ? choose(rng, TEXT_MUTATOR_NAMES) : "jitOptions";
    const next = mutateTextWith(mutator, parent, rng);
    if (next && (next.source !== parent.source || next.jitOptions.join() !== parent.jitOptions.join()))
      return { kind: "text", ...next, mutator };
  }
  throw new Error("no mutator changed the text");
}
