// `${{ }}` expressions, evaluated by GitHub's own evaluator (@actions/expressions)
// over the contexts a runner gives, with the functions only a runner knows:
// the status functions and hashFiles.
import { Evaluator, Lexer, Parser } from "@actions/expressions";
import type { FunctionDefinition } from "@actions/expressions/funcs/info";
import { fromData, type Mapping, toData, toDictionary, type Value } from "./value.ts";

/** A function an expression may call beyond the built-in ones (contains, format, fromJSON…). */
export interface RunnerFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly call: (...args: Value[]) => Value;
}

export interface Scope {
  /** github, env, inputs, matrix, needs, steps, runner, job, strategy, secrets, vars… */
  readonly contexts: Mapping;
  /** success(), failure(), always(), cancelled(), hashFiles(): lower-case names. */
  readonly functions: Readonly<Record<string, RunnerFunction>>;
}

export class ExpressionFailure extends Error {
  constructor(
    readonly expression: string,
    why: string,
  ) {
    super(`cannot evaluate \${{ ${expression} }}: ${why}`);
  }
}

export function evaluate(expression: string, scope: Scope): Value {
  const definitions = Object.entries(scope.functions).map(
    ([name, f]): FunctionDefinition => ({
      name,
      minArgs: f.minArgs,
      maxArgs: f.maxArgs,
      call: (...args) => toData(f.call(...args.map(fromData))),
    }),
  );
  try {
    const { tokens } = new Lexer(expression).lex();
    const tree = new Parser(tokens, Object.keys(scope.contexts), definitions).parse();
    const evaluator = new Evaluator(tree, toDictionary(scope.contexts), new Map(definitions.map((d) => [d.name, d])));
    return fromData(evaluator.evaluate());
  } catch (error) {
    if (error instanceof ExpressionFailure) throw error;
    throw new ExpressionFailure(expression, error instanceof Error ? error.message : String(error));
  }
}
