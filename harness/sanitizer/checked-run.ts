// Runs a program's sanitized copy (./instrument.ts) with the JIT off on a
// target: the interpreter's run, with the rules of a valid program checked.
import { join } from "node:path";
import { type PrngSeed, type ProcessOutcome, runMode, seedOf } from "../execution/index.ts";
import { writeLuaFile } from "../lua/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import type { Target } from "../targets/index.ts";
import { instrumentProgram } from "./instrument.ts";
import { SITE_LINE, STOP_STATUS, VIOLATION_MARKER } from "./prelude.ts";
import { isRule, policyOf, RULE_TEXT, type Rule, type RulePolicy } from "./rules.ts";
import { unanchoredAllocations } from "./unanchored.ts";

export interface CheckedRunOptions {
  readonly jitOptions: readonly string[];
  readonly timeoutMs: number;
  /** Where the program runs (for its relative paths). */
  readonly cwd?: string;
  /**
   * The PRNG seed of the run (default: the program's own, from its text, not
   * its sanitized copy's): string hashing, and so the order `pairs` walks a
   * table in, is then the same as in the program's own runs.
   */
  readonly prngSeed?: PrngSeed;
}

/** A rule broken at a place of the program. */
export interface Violation {
  readonly rule: Rule;
  readonly line: number;
  /** Null where only the line is known (inside ffi.copy, ffi.fill, ffi.string). */
  readonly column: number | null;
  /** The value or the access: `nan`, `[16]`, `.b`, `ffi.fill (8 bytes)`. */
  readonly detail: string;
}

/** How the checked run ended. */
export type CheckedEnd =
  /** By itself: the program ran to its end, or ended with an error of its own (`error`). */
  | "finished"
  /** At a broken rule the policy says to stop at. */
  | "stopped"
  /** Killed after the timeout: the rules were checked up to there. */
  | "timeout"
  /** By a signal (the interpreter crashed): the rules were checked up to there. */
  | "signal";

export interface RuleCheck {
  /** Each broken rule once per place, by line, column and rule. */
  readonly violations: readonly Violation[];
  readonly ended: CheckedEnd;
  /** The program's own error message (its last line of stderr) when it ended with one, else null. */
  readonly error: string | null;
  readonly signal: string | null;
  /** The interpreter's run itself (the reducer judges a crash against it: it is the program interpreted). */
  readonly outcome: ProcessOutcome;
}

/**
 * The rules the program breaks in one interpreted run. `policy` says, per
 * rule, whether to report it and go on (the default), stop at it, or not
 * check it.
 */
export async function checkRules(
  target: Target,
  source: string,
  options: CheckedRunOptions & { readonly policy?: RulePolicy },
): Promise<RuleCheck> {
  const scratch = makeScratch("sanitize");
  try {
    const file = join(scratch, "sanitized.lua");
    writeLuaFile(file, instrumentProgram(source, options.policy ?? policyOf("report")));
    const { outcome } = await runMode(target, file, {
      mode: "off",
      jitOptions: options.jitOptions,
      timeoutMs: options.timeoutMs,
      dump: false,
      cwd: options.cwd,
      prngSeed: options.prngSeed ?? seedOf(source),
    });
    const violations = parseViolations(outcome.stderr);
    // The one memory break a run cannot see (unanchored.ts): in the text, before what the run found.
    if ((options.policy ?? policyOf("report")).memory !== "ignore")
      violations.unshift(
        ...unanchoredAllocations(source).map((a) => ({
          rule: "memory" as const,
          line: a.line,
          column: a.column,
          detail: `ffi.new into ${a.into}: nothing keeps the allocation, which the GC may free while the pointer is used`,
        })),
      );
    const ended: CheckedEnd = outcome.timedOut
      ? "timeout"
      : outcome.signal !== null
        ? "signal"
        : outcome.exitCode === STOP_STATUS && violations.length > 0
          ? "stopped"
          : "finished";
    const ownLines = outcome.stderr.split("\n").filter((l) => l.trim() !== "" && !l.startsWith(VIOLATION_MARKER));
    const error = ended === "finished" && outcome.exitCode !== 0 ? (ownLines[0]?.trim() ?? null) : null;
    const overflow = error === null ? null : STACK_OVERFLOW.exec(error);
    if (overflow !== null && (options.policy ?? policyOf("report")).stack !== "ignore")
      violations.push({ rule: "stack", line: Number(overflow[1] ?? 0), column: null, detail: overflow[0].slice(2) });
    return { violations, ended, error, signal: outcome.signal, outcome };
  } finally {
    removeScratch(scratch);
  }
}

/**
 * A run that ends in a stack overflow (unbounded recursion, as a mutated
 * step of a recursion makes): the JIT and the interpreter check the stack
 * in different places, so the message names a line in one and none in the
 * other, and the traceback's depth differs. (The checks add calls of their
 * own: a recursion just below the limit may overflow here alone, and is
 * refused with the rest.) The line, when the message names one, is group 1.
 */
const STACK_OVERFLOW = /(?::(\d+))?: (?:C )?stack overflow$/;

/** The first rule the program breaks (`line N, column M: …`), or null when it keeps them all: the run stops there. */
export async function ruleBroken(target: Target, source: string, options: CheckedRunOptions): Promise<string | null> {
  const check = await checkRules(target, source, { ...options, policy: policyOf("stop") });
  const [first] = check.violations;
  return first === undefined ? null : describeViolation(first);
}

/** `line 4, column 7: a NaN or an infinity (nan)`. */
export function describeViolation(v: Violation): string {
  const where = v.column === null ? `line ${v.line}` : `line ${v.line}, column ${v.column}`;
  return `${where}: ${ruleText(v)}`;
}

function ruleText(v: Violation): string {
  if (v.rule !== "memory") return `${RULE_TEXT[v.rule]} (${v.detail})`;
  if (v.detail.startsWith("ffi.new into")) return v.detail; // unanchored.ts: not an access
  const access = v.detail.startsWith("[")
    ? `an element ${v.detail}`
    : v.detail.startsWith(".")
      ? `field ${v.detail}`
      : v.detail;
  return `${access} ${RULE_TEXT.memory}`;
}

/** The checks' lines on stderr, sorted: the same program gives the same list. */
export function parseViolations(stderr: string): Violation[] {
  const out: Violation[] = [];
  for (const line of stderr.split("\n")) {
    const at = line.indexOf(VIOLATION_MARKER);
    if (at < 0) continue;
    const match = /^(\S+) (\d+) (.*)$/.exec(line.slice(at + VIOLATION_MARKER.length));
    if (match === null || !isRule(match[1]!)) continue;
    const site = Number(match[2]);
    const column = site % SITE_LINE;
    out.push({
      rule: match[1],
      line: Math.floor(site / SITE_LINE),
      column: column === 0 ? null : column,
      detail: match[3]!,
    });
  }
  return out.sort(
    (a, b) =>
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule) ||
      a.detail.localeCompare(b.detail),
  );
}
