// What `report` (and friends) accept as a case: a corpus entry (folder or
// id), a finding bundle from a campaign, or a plain Lua file.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { type BadCode, type CorpusEntry, DEFAULT_CORPUS, readEntry, type UpstreamFix } from "../corpus/index.ts";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { checkJitOption, DEFAULT_JIT_OPTIONS } from "../execution/index.ts";

export interface CaseInput {
  readonly name: string;
  readonly program: string;
  readonly title: string | null;
  readonly upstream: string | null;
  readonly jitOptions: readonly string[];
  /** A patch to LuaJIT's sources that fixes the bug (a corpus entry's fix.patch), as text. */
  readonly fix: string | null;
  /** What goes wrong and in which function (a corpus entry's analysis.md). */
  readonly analysis: string | null;
  /** Where the bad code is, for the trace excerpt to mark. */
  readonly badCode: BadCode;
  readonly fixedUpstream: UpstreamFix | null;
}

/** A corpus entry as a report's case. */
export function entryCase(entry: CorpusEntry): CaseInput {
  return {
    name: entry.id,
    program: entry.program,
    title: entry.title,
    upstream: entry.upstream,
    jitOptions: entry.jitOptions,
    fix: entry.fixPatch ? readFileSync(entry.fixPatch, "utf8") : null,
    analysis: entry.analysis,
    badCode: entry.badCode,
    fixedUpstream: entry.fixedUpstream,
  };
}

export function resolveCase(arg: string): CaseInput {
  let path = resolve(arg);
  if (!existsSync(path) && existsSync(join(DEFAULT_CORPUS, arg))) path = join(DEFAULT_CORPUS, arg);
  if (!existsSync(path))
    throw new LjfuzzError(
      ExitCode.missingFile,
      `no such case: ${arg} (a corpus entry, a finding bundle or a .lua file)`,
    );
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, "case.json"))) {
      return entryCase(readEntry(path));
    }
    if (existsSync(join(path, "case.lua"))) return fromLuaFile(join(path, "case.lua"), basename(path));
    throw new LjfuzzError(ExitCode.missingFile, `${arg} holds no case.lua`);
  }
  return fromLuaFile(path, basename(path, ".lua"));
}

/** A Lua file, with JIT options from an `-- ljfuzz: -O…` header line if it has one. */
function fromLuaFile(program: string, name: string): CaseInput {
  const header = /^-- ljfuzz: -O(\S+)/m.exec(readFileSync(program, "utf8"));
  const jitOptions = header ? header[1]!.split(",").map(checkJitOption) : [...DEFAULT_JIT_OPTIONS];
  return {
    name,
    program,
    title: null,
    upstream: null,
    jitOptions,
    fix: null,
    analysis: null,
    badCode: { ir: [], mcode: [] },
    fixedUpstream: null,
  };
}

/** The program without ljfuzz's own header comments: what goes in a report. */
export function programText(program: string): string {
  const lines = readFileSync(program, "utf8").split("\n");
  let start = 0;
  while (start < lines.length && /^-- (ljfuzz|seed \d|run: )/.test(lines[start]!)) start++;
  return lines.slice(start).join("\n").trim();
}
