/**
 * The lifter: Lua text (LuaJIT's dialect, parsed by luaparse) into the
 * program representation, as a bare `Program` the printer prints back as
 * it is. What the representation cannot say, the lifter refuses with a
 * reason, and the program stays text (see ../mutate/text.ts).
 *
 * Sources are binary strings, one char per byte (as harness/ reads Lua
 * files): string literals keep their bytes, and the printer spells every
 * byte that is no printable ASCII as an escape. Comments and the layout
 * are not kept; the meaning is: `function a.b:c()` becomes
 * `a.b.c = function(self)`, `f"x"` becomes `f("x")`, `elseif` a nested
 * `if`, and parentheses stay only where they change a value (`(f())`).
 */
import type {
  Expression,
  FunctionDeclaration,
  Identifier,
  IfStatement,
  MemberExpression,
  Node,
  Statement,
  TableConstructorExpression,
} from "luaparse";
import luaparse from "luaparse";
import type { BinOp, Expr, Program, Stmt, TableField, Target, UnOp } from "../program/ast.ts";

export type LiftResult =
  | { readonly ok: true; readonly program: Program }
  | { readonly ok: false; readonly reason: string };

/** What the representation cannot hold: the reason a lift fails. */
export class Unliftable extends Error {}

const fail = (reason: string): never => {
  throw new Unliftable(reason);
};

/** The `-O` options of a `-- ljfuzz: -O…` header line, if the source starts with one. */
export function headerJitOptions(source: string): string[] | undefined {
  const m = /^-- ljfuzz: -O(\S*)/.exec(source);
  return m ? m[1]!.split(",").filter((o) => o !== "") : undefined;
}

/**
 * Lifts `source` (a binary string) to a bare program with `jitOptions`
 * (default: the source's `-- ljfuzz:` header, else `hotloop=1`).
 */
export function liftLua(source: string, jitOptions?: readonly string[]): LiftResult {
  const text = source.replace(/^#![^\n]*/, "");
  let chunk: luaparse.Chunk;
  try {
    chunk = luaparse.parse(text, {
      luaVersion: "LuaJIT",
      encodingMode: "pseudo-latin1",
      comments: false,
      ranges: true,
    });
  } catch (e) {
    return {
      ok: false,
      reason: `syntax: ${e instanceof Error ? e.message.replace(/^\[\d+:\d+\]\s*/, "") : String(e)}`,
    };
  }
  try {
    const body = new Lifter(groupedRanges(text)).block(chunk.body);
    return {
      ok: true,
      program: {
        jitOptions: jitOptions ?? headerJitOptions(source) ?? ["hotloop=1"],
        structs: [],
        buffers: [],
        body,
        bare: true,
      },
    };
  } catch (e) {
    if (e instanceof Unliftable) return { ok: false, reason: e.message };
    throw e;
  }
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** luaparse's token types (its `tokenTypes`). */
const TOKEN = { eof: 1, string: 2, keyword: 4, identifier: 8, punctuator: 32 } as const;

/**
 * Which expressions the source puts in parentheses, which luaparse does
 * not record: a `(` groups when the token before it cannot end a callee
 * (a name, a string, `)`, `]`, `}`) and is not `function`'s parameter
 * list; an expression is grouped when such a `(` is the token right before
 * its first one and its `)` the token right after its last.
 */
function groupedRanges(text: string): (node: Node) => boolean {
  const lexer = luaparse.parse(text, { wait: true, luaVersion: "LuaJIT", encodingMode: "pseudo-latin1" });
  const tokens: luaparse.Token[] = [];
  for (let t = lexer.lex(); t.type !== TOKEN.eof; t = lexer.lex()) tokens.push(t);
  const pairs = new Map<number, number>(); // index of a grouping "(" → index of its ")"
  const open: { index: number; grouping: boolean }[] = [];
  tokens.forEach((t, i) => {
    if (t.type !== TOKEN.punctuator) return;
    if (t.value === "(") {
      const prev = tokens[i - 1];
      const callee =
        prev !== undefined &&
        (prev.type === TOKEN.identifier ||
          prev.type === TOKEN.string ||
          (prev.type === TOKEN.punctuator && [")", "]", "}"].includes(prev.value)) ||
          (prev.type === TOKEN.keyword && prev.value === "function"));
      open.push({ index: i, grouping: !callee });
    } else if (t.value === ")") {
      const o = open.pop();
      if (o?.grouping) pairs.set(o.index, i);
    }
  });
  const byStart = new Map(tokens.map((t, i) => [t.range[0], i]));
  const byEnd = new Map(tokens.map((t, i) => [t.range[1], i]));
  return (node) => {
    const range = (node as { range?: [number, number] }).range;
    if (!range) return false;
    const first = byStart.get(range[0]);
    const last = byEnd.get(range[1]);
    return first !== undefined && last !== undefined && pairs.get(first - 1) === last + 1;
  };
}

function name(id: Identifier): string {
  if (!IDENT.test(id.name)) fail(`a name that is no ASCII identifier (${JSON.stringify(id.name)})`);
  return id.name;
}

/** `-5`, `7`, `0x10`: an integer literal (as luaparse reads it), or undefined. */
function integerLiteral(e: Expression): number | undefined {
  if (e.type === "NumericLiteral" && !/[lLi]$/.test(e.raw) && Number.isSafeInteger(e.value)) return e.value;
  if (e.type === "UnaryExpression" && e.operator === "-") {
    const v = integerLiteral(e.argument);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

const UNOPS: Readonly<Record<string, UnOp>> = { "-": "-", not: "not", "#": "#" };

const BINOPS = new Set<string>(["+", "-", "*", "/", "%", "^", "==", "~=", "<", "<=", ">", ">=", "and", "or", ".."]);

/** A call's callee and arguments: `obj:m(args)` is a method call. */

/** A number as LuaJIT reads it: `1LL`/`1ULL` are int64/uint64 cdata, `1i` imaginary. */

function numeric(raw: string, value: number): Expr {
  const int64 = /^(.*?)(u?ll)$/i.exec(raw);
  if (int64) {
    const unsigned = int64[2]!.length === 3;
    const v = BigInt(int64[1]!);
    return { tag: "int64", value: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), unsigned };
  }
  if (/i$/i.test(raw)) return fail("an imaginary number literal");
  if (!Number.isFinite(value)) return fail(`a number literal out of range (${raw})`);
  // `hex` only where it is true, as the mutators and the generator write it: one program, one representation.
  if (Number.isSafeInteger(value))
    return /^0x/i.test(raw) && !/[.p]/i.test(raw) ? { tag: "int", value, hex: true } : { tag: "int", value };
  return { tag: "fp", value };
}

/**
 * Positional items, then keyed fields: the printer's order. A keyed field
 * written before a positional item moves behind it only when that cannot
 * change the table or the order of effects: its key is a literal that no
 * positional index equals, and its value has no effect.
 */

/** A keyed field whose key no positional index 1..n can equal. */

function movable(f: TableField, n: number): boolean {
  if ("name" in f) return true;
  const k = f.key;
  if (k.tag === "str" || k.tag === "bool") return true;
  if (k.tag === "int") return k.value < 1 || k.value > n;
  return k.tag === "fp";
}

/** An expression whose evaluation has no effect and cannot fail. */

function isPure(e: Expr): boolean {
  switch (e.tag) {
    case "int":
    case "fp":
    case "int64":
    case "bool":
    case "nil":
    case "str":
    case "var":
    case "function":
      return true;
    case "table":
      return e.items.every(isPure) && e.fields.every((f) => ("key" in f ? isPure(f.key) : true) && isPure(f.value));
    default:
      return false;
  }
}

/** Lifts the statements of one source; `grouped` tells which expressions the source parenthesizes. */
class Lifter {
  constructor(private readonly grouped: (node: Node) => boolean) {}

  block(body: readonly Statement[]): Stmt[] {
    return body.flatMap((s) => this.statement(s));
  }

  params(f: FunctionDeclaration): { params: string[]; vararg: boolean } {
    const names: string[] = [];
    let vararg = false;
    for (const p of f.parameters) {
      if (p.type === "VarargLiteral") vararg = true;
      else names.push(name(p));
    }
    return { params: names, vararg };
  }

  statement(s: Statement): Stmt[] {
    switch (s.type) {
      case "LocalStatement":
        return [{ tag: "local", names: s.variables.map(name), values: s.init.map((x) => this.expr(x)) }];
      case "AssignmentStatement":
        return [
          { tag: "assign", targets: s.variables.map((x) => this.target(x)), values: s.init.map((x) => this.expr(x)) },
        ];
      case "CallStatement": {
        const call = this.expr(s.expression);
        if (call.tag !== "call" && call.tag !== "method") return fail("a call statement that is no call");
        return [{ tag: "call", call }];
      }
      case "FunctionDeclaration":
        return [this.functionStatement(s)];
      case "ReturnStatement":
        return [{ tag: "return", values: s.arguments.map((x) => this.expr(x)) }];
      case "IfStatement":
        return [this.ifStatement(s, 0)];
      case "WhileStatement":
        return [{ tag: "while", cond: this.expr(s.condition), body: this.block(s.body) }];
      case "RepeatStatement":
        return [{ tag: "repeat", body: this.block(s.body), cond: this.expr(s.condition) }];
      case "DoStatement":
        return [{ tag: "do", body: this.block(s.body) }];
      case "BreakStatement":
        return [{ tag: "break" }];
      case "GotoStatement":
        return [{ tag: "goto", label: name(s.label) }];
      case "LabelStatement":
        return [{ tag: "label", name: name(s.label) }];
      case "ForNumericStatement": {
        const start = integerLiteral(s.start);
        const stop = integerLiteral(s.end);
        const step = s.step ? integerLiteral(s.step) : 1;
        // Constant integer bounds make a loop whose range is known, like a generated one.
        if (start !== undefined && stop !== undefined && step !== undefined && step !== 0)
          return [{ tag: "for", var: name(s.variable), start, stop, step, body: this.block(s.body) }];
        return [
          {
            tag: "forNum",
            var: name(s.variable),
            start: this.expr(s.start),
            stop: this.expr(s.end),
            ...(s.step ? { step: this.expr(s.step) } : {}),
            body: this.block(s.body),
          },
        ];
      }
      case "ForGenericStatement":
        return [
          {
            tag: "forIn",
            names: s.variables.map(name),
            values: s.iterators.map((x) => this.expr(x)),
            body: this.block(s.body),
          },
        ];
    }
  }

  ifStatement(s: IfStatement, from: number): Stmt {
    const clause = s.clauses[from]!;
    if (clause.type === "ElseClause") return fail("an else without an if");
    const next = s.clauses[from + 1];
    const otherwise =
      next === undefined
        ? undefined
        : next.type === "ElseClause"
          ? this.block(next.body)
          : [this.ifStatement(s, from + 1)];
    return {
      tag: "if",
      cond: this.expr(clause.condition),
      then: this.block(clause.body),
      ...(otherwise ? { else: otherwise } : {}),
    };
  }

  functionStatement(f: FunctionDeclaration): Stmt {
    const { params: ps, vararg } = this.params(f);
    const body = this.block(f.body);
    const id = f.identifier;
    if (id?.type === "Identifier") {
      if (f.isLocal) return { tag: "function", name: name(id), params: ps, vararg, body };
      return {
        tag: "assign",
        targets: [{ tag: "var", name: name(id) }],
        values: [{ tag: "function", params: ps, vararg, body }],
      };
    }
    if (id?.type === "MemberExpression") {
      // `function a.b:c(x)` is `a.b.c = function(self, x)`.
      const method = id.indexer === ":";
      const fn: Expr = { tag: "function", params: method ? ["self", ...ps] : ps, vararg, body };
      return {
        tag: "assign",
        targets: [{ tag: "field", object: this.expr(id.base), name: name(id.identifier) }],
        values: [fn],
      };
    }
    return fail("a function statement without a name");
  }

  target(e: Expression): Target {
    switch (e.type) {
      case "Identifier":
        return { tag: "var", name: name(e) };
      case "MemberExpression":
        return { tag: "field", object: this.expr(e.base), name: name(e.identifier) };
      case "IndexExpression":
        return { tag: "index", object: this.expr(e.base), key: this.expr(e.index) };
      default:
        return fail(`an assignment to a ${e.type}`);
    }
  }

  callOf(base: Expression, args: readonly Expression[]): Expr {
    if (base.type === "MemberExpression" && base.indexer === ":" && !this.grouped(base))
      return {
        tag: "method",
        object: this.expr(base.base),
        name: name(base.identifier),
        args: args.map((x) => this.expr(x)),
      };
    return { tag: "call", callee: this.expr(base), args: args.map((x) => this.expr(x)) };
  }

  expr(e: Expression): Expr {
    const lifted = this.bareExpr(e);
    // Parentheses around a call or `...` keep one value only: they stay.
    const multi = lifted.tag === "call" || lifted.tag === "method" || lifted.tag === "vararg";
    return this.grouped(e) && multi ? { tag: "paren", expr: lifted } : lifted;
  }

  bareExpr(e: Expression): Expr {
    switch (e.type) {
      case "Identifier":
        return { tag: "var", name: name(e) };
      case "NumericLiteral":
        return numeric(e.raw, e.value);
      case "StringLiteral":
        if (e.value === null) return fail("a string literal luaparse did not decode");
        return { tag: "str", value: e.value };
      case "BooleanLiteral":
        return { tag: "bool", value: e.value };
      case "NilLiteral":
        return { tag: "nil" };
      case "VarargLiteral":
        return { tag: "vararg" };
      case "TableConstructorExpression":
        return this.table(e);
      case "UnaryExpression": {
        const op = UNOPS[e.operator];
        if (!op) return fail(`the unary operator ${e.operator}`);
        const operand = this.expr(e.argument);
        // A negative number is a literal, as the mutators write one (not -0, which is no integer).
        if (op === "-" && (operand.tag === "int" || operand.tag === "fp") && operand.value !== 0)
          return { ...operand, value: -operand.value };
        return { tag: "unop", op, operand };
      }
      case "BinaryExpression":
      case "LogicalExpression":
        if (!BINOPS.has(e.operator)) return fail(`the operator ${e.operator}`);
        return { tag: "binop", op: e.operator as BinOp, left: this.expr(e.left), right: this.expr(e.right) };
      case "MemberExpression":
        return this.member(e);
      case "IndexExpression":
        return { tag: "index", object: this.expr(e.base), key: this.expr(e.index) };
      case "CallExpression":
        return this.callOf(e.base, e.arguments);
      case "StringCallExpression":
        return this.callOf(e.base, [e.argument]);
      case "TableCallExpression":
        return this.callOf(e.base, [e.arguments]);
      case "FunctionDeclaration": {
        const { params: ps, vararg } = this.params(e);
        return { tag: "function", params: ps, vararg, body: this.block(e.body) };
      }
      default:
        return fail(`a ${(e as Node).type}`);
    }
  }

  member(e: MemberExpression): Expr {
    if (e.indexer !== ".") return fail("a method reference outside a call");
    return { tag: "field", object: this.expr(e.base), name: name(e.identifier) };
  }

  table(e: TableConstructorExpression): Expr {
    const items: Expr[] = [];
    const fields: TableField[] = [];
    const positional = e.fields.filter((f) => f.type === "TableValue").length;
    for (const f of e.fields) {
      if (f.type === "TableValue") {
        items.push(this.expr(f.value));
        continue;
      }
      const field: TableField =
        f.type === "TableKeyString"
          ? { name: name(f.key), value: this.expr(f.value) }
          : { key: this.expr(f.key), value: this.expr(f.value) };
      fields.push(field);
      const later = e.fields.indexOf(f) < e.fields.map((x) => x.type).lastIndexOf("TableValue");
      if (later && !(movable(field, positional) && isPure(field.value)))
        fail("a positional table item after a keyed one that may collide or have effects");
    }
    return { tag: "table", items, fields };
  }
}
