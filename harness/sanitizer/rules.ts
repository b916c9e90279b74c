// The rules a valid program keeps (generators/README.md, "What every program
// guarantees"), as the sanitizer names them. A program that breaks one can
// differ between JIT and interpreter with no bug in either.

export const RULES = ["finite", "exact", "whole", "nan-store", "fits", "memory", "order", "stack"] as const;

/** One rule: what a broken one is called in output and JSON. */
export type Rule = (typeof RULES)[number];

/** What the rule forbids, said once for people (the README has the why). */
export const RULE_TEXT: Readonly<Record<Rule, string>> = {
  finite: "a NaN or an infinity",
  exact: "a value at or past 2^53, where doubles stop being exact integers",
  whole: "+, - or * on a fraction: the JIT may fuse a multiply-add",
  "nan-store": "a NaN stored into memory",
  fits: "a number stored into a field it does not fit",
  memory: "outside memory the program allocated with ffi.new",
  order: "pairs or next over string or object keys: their order differs from run to run",
  stack: "a stack overflow: the JIT and the interpreter raise it in different places",
};

/**
 * What a checked run does when a rule breaks: `ignore` it (a rule the
 * program broke already, which its reductions may break too), `report` it
 * and go on (an access outside memory is then skipped: a load gives 0), or
 * `stop` the run at once.
 */
export type RuleAction = "ignore" | "report" | "stop";

export type RulePolicy = Readonly<Record<Rule, RuleAction>>;

export function policyOf(
  action: RuleAction,
  except: { readonly rules: readonly Rule[]; readonly action: RuleAction } = { rules: [], action },
): RulePolicy {
  return Object.fromEntries(
    RULES.map((rule) => [rule, except.rules.includes(rule) ? except.action : action]),
  ) as Record<Rule, RuleAction>;
}

export function isRule(text: string): text is Rule {
  return (RULES as readonly string[]).includes(text);
}
