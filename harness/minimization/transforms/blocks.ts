// Block structure: unwrap a statement into its body (`do B end` → `B`,
// `if c then B end` → `B`, a loop → its body once), and drop the branches of
// an if. A loop may be what makes a trace hot; the test keeps the ones that
// matter.
import type { IfStatement, Statement } from "luaparse";
import { rangeOf } from "../../lua/index.ts";
import { cut } from "../splice.ts";
import { type LuaCandidate, type LuaContext, linesText, statementEnd } from "./candidate.ts";
import { bodyTextAt, lineIndent } from "./indent.ts";

export function unwrapBlocks(context: LuaContext): LuaCandidate[] {
  const { source } = context.parsed;
  const out: LuaCandidate[] = [];
  context.outline.statements.forEach((statement, site) => {
    const start = rangeOf(statement)[0];
    const end = statementEnd(source, statement);
    const where = linesText(context, start, end);
    const replace = (text: string, what: string): void => {
      out.push({ kind: "unwrap", site, what: `${what} at ${where}`, splices: [{ start, end, text }] });
    };
    // The body at the statement's place, after an optional line of its own.
    const body = (statements: readonly Statement[], prefix?: string): string | null => {
      if (statements.length === 0) return null;
      const text = bodyTextAt(context, statements, start);
      return prefix === undefined ? text : `${prefix}\n${lineIndent(source, start)}${text}`;
    };
    switch (statement.type) {
      case "DoStatement":
      case "WhileStatement":
      case "RepeatStatement": {
        const text = body(statement.body);
        if (text !== null) replace(text, `unwrap the ${keyword(statement)} block`);
        break;
      }
      case "ForNumericStatement": {
        // The body once, with the loop variable at its first value.
        const text = body(statement.body, `local ${statement.variable.name} = ${context.text(statement.start)}`);
        if (text !== null) replace(text, "unwrap the for loop");
        break;
      }
      case "ForGenericStatement": {
        const names = statement.variables.map((v) => v.name).join(", ");
        const text = body(statement.body, `local ${names}`);
        if (text !== null) replace(text, "unwrap the for-in loop");
        break;
      }
      case "IfStatement":
        statement.clauses.forEach((clause, i) => {
          const text = body(clause.body);
          if (text !== null) replace(text, `replace the if by its branch ${i + 1}`);
        });
        break;
      default:
        break;
    }
  });
  return out;
}

/** Drops one branch of an if: an `elseif` or `else`, or the first `if` when an `elseif` follows. */
export function removeClauses(context: LuaContext): LuaCandidate[] {
  const out: LuaCandidate[] = [];
  const ifs = context.outline.statements.filter((s): s is IfStatement => s.type === "IfStatement");
  ifs.forEach((statement, site) => {
    const clauses = statement.clauses;
    // Where the `end` keyword starts: the last three characters of the statement.
    const endKeyword = rangeOf(statement)[1] - 3;
    clauses.forEach((clause, i) => {
      const start = rangeOf(clause)[0];
      const next = clauses[i + 1];
      const end = next ? rangeOf(next)[0] : endKeyword;
      const where = linesText(context, start, end);
      if (i > 0) {
        out.push({
          kind: "clauses",
          site,
          what: `remove the ${clause.type === "ElseClause" ? "else" : "elseif"} branch at ${where}`,
          splices: [cut(start, end)],
        });
      } else if (next && next.type === "ElseifClause") {
        // `if a then A elseif b then B` → `if b then B`: cut up to the `if` inside `elseif`.
        out.push({
          kind: "clauses",
          site,
          what: `remove the first branch at ${where}`,
          splices: [cut(start, end + "else".length)],
        });
      }
    });
  });
  return out;
}

function keyword(statement: Statement): string {
  if (statement.type === "WhileStatement") return "while";
  if (statement.type === "RepeatStatement") return "repeat";
  return "do";
}
