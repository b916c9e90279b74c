// The rules of a valid program, checked in an interpreted run: a wrong result
// of a program that breaks one is no LuaJIT bug (instrument.ts says which rules).

export {
  type CheckedEnd,
  type CheckedRunOptions,
  checkRules,
  describeViolation,
  type RuleCheck,
  ruleBroken,
  type Violation,
} from "./checked-run.ts";
export { instrumentProgram } from "./instrument.ts";
export { isRule, policyOf, RULE_TEXT, RULES, type Rule, type RuleAction, type RulePolicy } from "./rules.ts";
export { type UncheckedSite, uncheckedSites } from "./unchecked.ts";
