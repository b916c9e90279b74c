// Blank lines and trailing blanks. Every candidate is tidied as it is built
// (../lua-candidates.ts), so this only matters when no other candidate was
// accepted: the plain tidy of the source, as a candidate of its own.
import type { LuaCandidate, LuaContext } from "./candidate.ts";

export function tidyWhitespace(_context: LuaContext): LuaCandidate[] {
  return [{ kind: "whitespace", site: 0, what: "remove blank lines and trailing blanks", splices: [] }];
}
