// Lua files as the reducer reads and writes them: as "binary" strings, one
// char per byte, so a string literal holding any bytes (not only UTF-8)
// comes back out exactly, and a string's length is its size in bytes.
import { readFileSync, writeFileSync } from "node:fs";
import { writeAtomically } from "../atomic-write.ts";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { LuaParseError, parseLua } from "./lua-syntax.ts";

export function readLuaFile(path: string): string {
  try {
    return readFileSync(path, "latin1");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") throw new LjfuzzError(ExitCode.missingFile, `no such file: ${path}`);
    throw error;
  }
}

/**
 * Writes through a temporary file and a rename, so the file is always either
 * the previous best or the new one, never half of one: Ctrl-C or a crash of
 * ljfuzz at any moment leaves a whole program behind.
 */
export function writeLuaFileAtomic(path: string, source: string): void {
  writeAtomically(path, source, "latin1");
}

export function writeLuaFile(path: string, source: string): void {
  writeFileSync(path, source, "latin1");
}

/** Reads the program and checks it parses: the user's syntax error, said in one line. */
export function readLuaProgram(path: string): string {
  const source = readLuaFile(path);
  try {
    parseLua(source);
  } catch (error) {
    if (error instanceof LuaParseError)
      throw new LjfuzzError(ExitCode.luaSyntax, `Lua syntax error: ${path}:${error.line}: ${error.message}`);
    throw error;
  }
  return source;
}
