/** Top-level helper functions and tables that loop bodies call and index. */

import type { HelperPlan } from "../arbitraries/plan.ts";
import type { Expr, Stmt } from "../program/ast.ts";
import type { Helper } from "./context.ts";
import { Env } from "./env.ts";
import { bin, call, lit, narrowed, resolveInt, v } from "./intexpr.ts";
import type { Names } from "./names.ts";

/** An environment holding only the given int32 parameters. */
function paramEnv(params: readonly string[]): Env {
  const env = new Env(undefined, [], false);
  for (const p of params) env.bind({ name: p, cls: "int", bound: 2 ** 31 });
  return env;
}

const PARAM_NAMES = ["a", "b", "c", "d", "e", "f", "g", "k", "l", "o"];

const ret = (...values: Expr[]): Stmt => ({ tag: "return", values });

export function resolveHelper(p: HelperPlan, names: Names): { helper: Helper; stmts: Stmt[] } {
  if (p.tag === "table") {
    const name = names.next("t");
    const size = Math.max(1, Math.min(16, Math.trunc(p.size)));
    const items = Array.from({ length: size }, (_, i) => lit((i + 1) * 7 - 3));
    let init: Expr = { tag: "table", items, fields: [] };
    if (p.meta !== "none") {
      const index: Expr =
        p.meta === "indexFn"
          ? {
              tag: "function",
              params: ["t", "k"],
              vararg: false,
              body: [ret(bin("+", bin("*", v("k"), lit(3)), lit(1)))],
            }
          : { tag: "table", items: Array.from({ length: 2 * size }, (_, i) => lit(100 + i)), fields: [] };
      init = call("setmetatable", init, { tag: "table", items: [], fields: [{ name: "__index", value: index }] });
    }
    return {
      helper: { tag: "table", name, size, meta: p.meta },
      stmts: [{ tag: "local", names: [name], values: [init] }],
    };
  }
  const name = names.next("f");
  switch (p.tag) {
    case "pure": {
      const arity = Math.max(1, Math.min(10, Math.trunc(p.arity)));
      const params = PARAM_NAMES.slice(0, arity);
      const e = narrowed(resolveInt(p.e, paramEnv(params)));
      // Every parameter takes part, so a wrong argument shows.
      const body = params.reduce<Expr>((acc, a) => call("bxor", acc, v(a)), call("tobit", e.e));
      return {
        helper: { tag: "function", name, shape: "pure", arity },
        stmts: [{ tag: "function", name, params, vararg: false, body: [ret(body)] }],
      };
    }
    case "tailrec": {
      const e = narrowed(resolveInt(p.e, paramEnv(["n", "acc"])));
      const body: Stmt[] = [
        { tag: "if", cond: bin("<=", v("n"), lit(0)), then: [ret(v("acc"))] },
        ret(call(name, bin("-", v("n"), lit(1)), call("bxor", call("tobit", e.e), v("n")))),
      ];
      return {
        helper: { tag: "function", name, shape: "tailrec", arity: 2 },
        stmts: [{ tag: "function", name, params: ["n", "acc"], vararg: false, body }],
      };
    }
    case "vararg": {
      const env = paramEnv(["n", "a", "b"]);
      const e = narrowed(resolveInt(p.e, env));
      const body: Stmt[] = [
        { tag: "local", names: ["n"], values: [call("select", { tag: "str", value: "#" }, { tag: "vararg" })] },
        { tag: "local", names: ["a", "b"], values: [{ tag: "vararg" }] },
        {
          tag: "assign",
          targets: [
            { tag: "var", name: "a" },
            { tag: "var", name: "b" },
          ],
          values: [bin("or", v("a"), lit(11)), bin("or", v("b"), lit(-5))],
        },
        ret(call("bxor", call("tobit", e.e), bin("+", v("n"), call("tobit", bin("+", v("a"), v("b")))))),
      ];
      return {
        helper: { tag: "function", name, shape: "vararg", arity: 3 },
        stmts: [{ tag: "function", name, params: [], vararg: true, body }],
      };
    }
    case "recursive": {
      const body: Stmt[] = [
        { tag: "if", cond: bin("<=", v("n"), lit(1)), then: [ret(lit(1))] },
        ret(call("tobit", bin("+", bin("*", v("n"), lit(3)), call(name, bin("-", v("n"), lit(1)))))),
      ];
      return {
        helper: { tag: "function", name, shape: "recursive", arity: 1 },
        stmts: [{ tag: "function", name, params: ["n"], vararg: false, body }],
      };
    }
  }
}
