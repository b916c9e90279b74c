/** A block: one hot loop, at top level or inside a function that is called twice. */

import type { BlockPlan } from "../arbitraries/plan.ts";
import type { Stmt } from "../program/ast.ts";
import { type Ctx, withEnv } from "./context.ts";
import type { LoopVar } from "./env.ts";
import { bin, call, lit, v } from "./intexpr.ts";
import { resolveItems } from "./items.ts";

export function resolveBlock(ctx: Ctx, plan: BlockPlan): Stmt[] {
  const count = Math.max(2, Math.min(100, Math.trunc(plan.loop.count)));
  const start = Math.max(-50, Math.min(50, Math.trunc(plan.loop.start)));
  const step = plan.loop.step;
  const deferred: Stmt[] = [];
  let loopStmt: Stmt[];

  if (plan.loop.form === "for" || plan.loop.form === "forDown") {
    const name = ctx.names.next("i");
    const last = start + (count - 1) * step;
    const loop: LoopVar = { name, min: start, max: last, step };
    const env = ctx.env.child(loop);
    env.bind({ name, cls: "int", bound: Math.max(Math.abs(start), Math.abs(last)) });
    const body = resolveItems(withEnv(ctx, env, deferred), plan.items);
    loopStmt = [
      plan.loop.form === "for"
        ? { tag: "for", var: name, start, stop: last, step, body: [...body, ...deferred] }
        : { tag: "for", var: name, start: last, stop: start, step: -step, body: [...body, ...deferred] },
    ];
  } else {
    // A counter the body can read but no address depends on.
    const name = ctx.names.next("n");
    const env = ctx.env.child(undefined, true);
    env.bind({ name, cls: "int", bound: count + 1 });
    const body = resolveItems(withEnv(ctx, env, deferred), plan.items);
    const bump: Stmt = { tag: "assign", targets: [{ tag: "var", name }], values: [bin("+", v(name), lit(1))] };
    const decl: Stmt = { tag: "local", names: [name], values: [lit(0)] };
    loopStmt =
      plan.loop.form === "while"
        ? [decl, { tag: "while", cond: bin("<", v(name), lit(count)), body: [bump, ...body, ...deferred] }]
        : [decl, { tag: "repeat", body: [bump, ...body, ...deferred], cond: bin(">=", v(name), lit(count)) }];
  }

  const used = ctx.mem.takeUsed().sort();
  if (plan.wrap === "none")
    return plan.loop.form === "for" || plan.loop.form === "forDown" ? loopStmt : [{ tag: "do", body: loopStmt }];
  const fname = ctx.names.next("blk");
  // "params": the pointers come in as arguments of the same names, so the body is unchanged.
  const params = plan.wrap === "params" ? ["h", ...used] : ["h"];
  const invoke: Stmt = { tag: "assign", targets: [{ tag: "var", name: "h" }], values: [call(fname, ...params.map(v))] };
  return [
    { tag: "function", name: fname, params, vararg: false, body: [...loopStmt, { tag: "return", values: [v("h")] }] },
    invoke,
    invoke,
  ];
}
