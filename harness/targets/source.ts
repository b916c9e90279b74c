// Where a target's LuaJIT comes from, parsed from what a user types.
//   luajit-2022              a catalog name (a pinned Debian source package,
//                            or a pinned source archive: luajit-2026)
//   git:URL@REV              a git repository at a commit, tag or branch
//   dir:PATH  (or a path)    a local LuaJIT source tree
//   bin:PATH                 a ready aarch64 luajit binary
// A `+assert` suffix builds with LuaJIT's internal assertions on; `+fixes`
// applies the corpus's fix.patch files (a binary with each one alone, and
// one with all of them: build.ts), to tell a known bug by its fix; `+x64`
// builds the same source for x86-64 instead of arm64 (its x86-64 leg: is a
// bug arm64-only?); `+cov` instruments the arm64 compiler's sources for edge
// and line coverage (coverage-build.ts). They combine:
// `luajit-2022+fixes+cov`, `luajit-2026+x64+fixes`.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { type ArchiveSource, CATALOG, catalogEntry, type DebianSource } from "./catalog.ts";

export type { ArchiveSource, DebianSource };

export interface GitSource {
  readonly kind: "git";
  readonly url: string;
  readonly rev: string;
}
export interface DirSource {
  readonly kind: "dir";
  readonly path: string;
}
export interface BinSource {
  readonly kind: "bin";
  readonly path: string;
}
export type TargetSource = DebianSource | ArchiveSource | GitSource | DirSource | BinSource;

/** The machine a build's code is for: LuaJIT's arm64 backend (what ljfuzz fuzzes), or its x86-64 leg. */
export type TargetArch = "arm64" | "x64";

export interface TargetSpec {
  /** The name results are reported under (what the user typed, normalised). */
  readonly name: string;
  readonly source: TargetSource;
  /** Built with -DLUA_USE_ASSERT: LuaJIT's own consistency checks abort. */
  readonly assert: boolean;
  /** Built with the corpus's fix.patch files applied. */
  readonly fixes: boolean;
  readonly arch: TargetArch;
  /** The compiler's sources instrumented: an edge map per case, gcov line counts. */
  readonly cov: boolean;
}

const ASSERT_SUFFIX = "+assert";
const FIXES_SUFFIX = "+fixes";
const X64_SUFFIX = "+x64";
const COV_SUFFIX = "+cov";

export function parseTargetSpec(
  text: string,
  options: { assert?: boolean; fixes?: boolean; arch?: TargetArch; cov?: boolean } = {},
): TargetSpec {
  let body = text.trim();
  let assert = options.assert === true;
  let fixes = options.fixes === true;
  let arch: TargetArch = options.arch ?? "arm64";
  let cov = options.cov === true;
  for (let more = true; more; ) {
    more = false;
    if (body.endsWith(ASSERT_SUFFIX)) [assert, body, more] = [true, body.slice(0, -ASSERT_SUFFIX.length), true];
    if (body.endsWith(FIXES_SUFFIX)) [fixes, body, more] = [true, body.slice(0, -FIXES_SUFFIX.length), true];
    if (body.endsWith(X64_SUFFIX)) [arch, body, more] = ["x64", body.slice(0, -X64_SUFFIX.length), true];
    if (body.endsWith(COV_SUFFIX)) [cov, body, more] = [true, body.slice(0, -COV_SUFFIX.length), true];
  }
  const source = parseSource(body, text);
  if ((assert || fixes || cov || arch === "x64") && source.kind === "bin") {
    const what = assert ? "with assertions" : fixes ? "with fixes" : cov ? "with coverage" : "for x86-64";
    throw new LjfuzzError(
      ExitCode.unknownTarget,
      `target ${text}: a bin: target is prebuilt, it cannot be rebuilt ${what}`,
    );
  }
  // The coverage runtime and the gcov notes are the arm64 build's (coverage-build.ts).
  if (cov && arch === "x64")
    throw new LjfuzzError(ExitCode.unknownTarget, `target ${text}: +cov instruments arm64 builds only, not a +x64 leg`);
  // One name per build, whatever order the suffixes came in.
  const name = `${body}${arch === "x64" ? X64_SUFFIX : ""}${fixes ? FIXES_SUFFIX : ""}${cov ? COV_SUFFIX : ""}${assert ? ASSERT_SUFFIX : ""}`;
  return { name, source, assert, fixes, arch, cov };
}

/**
 * The same build with the corpus's fixes applied (`NAME+fixes`). Not
 * instrumented: it only tells which patch makes a failure pass.
 */
export function withFixes(spec: TargetSpec): TargetSpec {
  return parseTargetSpec(uninstrumentedName(spec.name), { fixes: true });
}

/** A target's name without `+cov`: the build that runs every program as the instrumented one does. */
export function uninstrumentedName(name: string): string {
  return name.replace(/\+cov(?=(\+assert)?$)/, "");
}

/**
 * The same build for x86-64 (`NAME+x64`): the leg that tells whether a bug
 * is arm64-only. Not instrumented: it only runs the program.
 */
export function withX64(spec: TargetSpec): TargetSpec {
  return parseTargetSpec(uninstrumentedName(spec.name), { arch: "x64" });
}

function parseSource(body: string, original: string): TargetSource {
  const entry = catalogEntry(body);
  if (entry) return entry.source;
  if (body.startsWith("git:")) {
    const rest = body.slice("git:".length);
    const at = rest.lastIndexOf("@");
    if (at <= 0 || at === rest.length - 1) {
      throw new LjfuzzError(
        ExitCode.unknownTarget,
        `target ${original}: expected git:URL@REV (a commit, tag or branch)`,
      );
    }
    return { kind: "git", url: rest.slice(0, at), rev: rest.slice(at + 1) };
  }
  if (body.startsWith("bin:")) {
    const path = resolve(body.slice("bin:".length));
    if (!existsSync(path)) throw new LjfuzzError(ExitCode.missingFile, `target ${original}: no such file: ${path}`);
    return { kind: "bin", path };
  }
  const dirPath = body.startsWith("dir:") ? body.slice("dir:".length) : body;
  if ((body.startsWith("dir:") || body.includes("/")) && existsSync(dirPath) && statSync(dirPath).isDirectory()) {
    const path = resolve(dirPath);
    if (!existsSync(resolve(path, "src", "lj_emit_arm64.h")) && !existsSync(resolve(path, "src", "luajit.c"))) {
      throw new LjfuzzError(
        ExitCode.unknownTarget,
        `target ${original}: ${path} is not a LuaJIT source tree (no src/luajit.c)`,
      );
    }
    return { kind: "dir", path };
  }
  if (body.startsWith("dir:"))
    throw new LjfuzzError(ExitCode.missingFile, `target ${original}: no such directory: ${dirPath}`);
  const known = CATALOG.map((e) => e.name).join(", ");
  throw new LjfuzzError(
    ExitCode.unknownTarget,
    `unknown target '${original}' (known: ${known}; or git:URL@REV, dir:PATH, bin:PATH; +x64, +fixes, +cov, +assert after a name)`,
  );
}
