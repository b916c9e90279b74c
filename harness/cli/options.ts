// Option parsing shared by the commands: checked up front, one clear error.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { checkJitOption, DEFAULT_JIT_OPTIONS } from "../execution/index.ts";
import { CATALOG, parseTargetSpec, type TargetSpec } from "../targets/index.ts";

/** How a command reports its outcome (errors are thrown as LjfuzzError). */
export type SetExitCode = (code: number) => void;

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The targets named with --target, or every catalog target. */
export function targetSpecs(names: readonly string[] | undefined, assert: boolean): TargetSpec[] {
  const list = names && names.length > 0 ? names : CATALOG.map((entry) => entry.name);
  return list.map((name) => parseTargetSpec(name, { assert }));
}

export function jitOptions(values: readonly string[] | undefined): string[] {
  if (!values || values.length === 0) return [...DEFAULT_JIT_OPTIONS];
  return values
    .flatMap((v) => v.split(","))
    .filter((v) => v !== "")
    .map(checkJitOption);
}

export function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new LjfuzzError(ExitCode.usage, `${name} takes a positive number, not '${value}'`);
  return n;
}

/** A count of seeds (`--seeds N`): a whole number from `least` to `most`. */
export function seedCount(name: string, value: string, least: number, most: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < least || n > most)
    throw new LjfuzzError(ExitCode.usage, `${name} takes a whole number from ${least} to ${most}, not '${value}'`);
  return n;
}

export function existingFile(path: string): string {
  const full = resolve(path);
  if (!existsSync(full)) throw new LjfuzzError(ExitCode.missingFile, `no such file: ${path}`);
  if (!statSync(full).isFile()) throw new LjfuzzError(ExitCode.missingFile, `not a file: ${path}`);
  return full;
}

/** Progress lines for people go to stderr, so stdout stays the result. */
export function stderrLog(line: string): void {
  process.stderr.write(`ljfuzz: ${line}\n`);
}

/** The --address value: hex (0x…) or decimal; throws a usage error otherwise. */
export function parseAddressOption(text: string): number {
  const t = text.trim();
  const value = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t.slice(2), 16) : /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(value) || value % 4 !== 0)
    throw new LjfuzzError(ExitCode.usage, `not a 4-byte aligned address: "${text}"`);
  return value;
}

/** Everything on stdin, for commands that read their input there when none is given. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
