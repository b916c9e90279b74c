// The candidates of one transformation as source texts, for the tests beside it.
import { candidateSources } from "../lua-candidates.ts";
import type { LuaCandidate, LuaContext } from "./candidate.ts";

export function candidates(source: string, transform: (c: LuaContext) => LuaCandidate[]): string[] {
  return candidateSources(source, { name: "test", candidates: transform });
}
