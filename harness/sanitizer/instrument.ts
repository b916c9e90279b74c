// The sanitizer's rewrite: the same program, with every arithmetic operation
// and every store through a field or an index checked, at run time, against
// the rules a generated program keeps (generators/README.md, "What every
// program guarantees"). A program that breaks them can differ between JIT
// and interpreter with no bug in either:
//   - a NaN or an infinity (`x % 0`, `x / 0`), or a value at or past 2^53,
//     where doubles stop being exact integers;
//   - `+`, `-` or `*` on a fraction: the arm64 JIT may fuse a multiply and
//     an add into one FMADD, which rounds once instead of twice;
//   - a NaN stored into memory (LuaJIT does not canonicalize NaNs it loads);
//   - a number stored into a field it does not fit, past int32's range
//     (below it, both truncate the same way): the conversion is the C
//     compiler's on one side and FCVTZS's on the other. A double stored into
//     a double field reads back the same and is any value at all.
// Generated programs pass by construction (checked in sanitizer.test.ts);
// the reducer and the campaign use it to refuse programs that do not.
import type { Expression, Node, Statement } from "luaparse";
import { parseLua, rangeOf } from "../minimization/lua-syntax.ts";

/** The first line of the error a broken rule raises; the rule follows it. */
export const VIOLATION_MARKER = "ljfuzz-sanitizer: ";

const ARITHMETIC: Readonly<Record<string, string>> = { "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "^": "pow" };

/**
 * The checks, as globals defined inside a `do` block: the rewrite adds no
 * local and no upvalue to any of the program's functions (whose limits a
 * generated program may be near). A broken rule raises an error that names
 * the rule and the program's line.
 */
const PRELUDE = `do
  local floor, type, error, getinfo = math.floor, type, error, debug.getinfo
  local function bad(rule)
    local level, line = 3, nil
    repeat
      local info = getinfo(level, "l")
      line = info and info.currentline
      level = level + 1
    until not info or (line and line > FIRST_LINE)
    error("${VIOLATION_MARKER}line " .. tostring(line) .. ": " .. rule, 0)
  end
  local function value(r)
    if type(r) == "number" and (r ~= r or r >= 2^53 or r <= -2^53) then bad("a NaN, an infinity or a value past 2^53 (" .. r .. ")") end
    return r
  end
  local function whole(x)
    if type(x) == "number" and x ~= floor(x) then bad("+, - or * on a fraction (" .. x .. "): the JIT may fuse a multiply-add") end
  end
  __ljfuzz_add = function(a, b) whole(a) whole(b) return value(a + b) end
  __ljfuzz_sub = function(a, b) whole(a) whole(b) return value(a - b) end
  __ljfuzz_mul = function(a, b) whole(a) whole(b) return value(a * b) end
  __ljfuzz_div = function(a, b) return value(a / b) end
  __ljfuzz_mod = function(a, b) return value(a % b) end
  __ljfuzz_pow = function(a, b) return value(a ^ b) end
  __ljfuzz_stored = function(v, back)
    if type(v) ~= "number" or back == v then return end
    if v ~= v then bad("a NaN stored into memory") end
    if type(back) == "number" and (v >= 2^31 or v < -2^31) then bad("a number stored into a field it does not fit (" .. v .. ")") end
  end
end `;

/**
 * The program with its checks. Line numbers stay as they were: the prelude
 * goes on the first line, and no rewrite adds a line break.
 */
export function instrumentProgram(source: string): string {
  const parsed = parseLua(source);
  const text = (node: Node): string => render(parsed.source, node);
  const body = parsed.chunk.body.map((s) => rangeOf(s));
  if (body.length === 0) return source;
  const [first] = body[0]!;
  const last = body[body.length - 1]![1];
  const rendered = parsed.chunk.body.map((s, i) => {
    const gap = i === 0 ? "" : parsed.source.slice(body[i - 1]![1], body[i]![0]);
    return gap + text(s);
  });
  // The prelude shares the first statement's line: a frame there is the prelude's.
  const firstLine = parsed.source.slice(0, first).split("\n").length;
  const prelude = PRELUDE.replace("FIRST_LINE", String(firstLine)).replace(/\n\s*/g, " ");
  return parsed.source.slice(0, first) + prelude + rendered.join("") + parsed.source.slice(last);
}

/** A node's text with every checked operation inside it rewritten. */
function render(source: string, node: Node): string {
  if (node.type === "BinaryExpression" && ARITHMETIC[node.operator]) {
    return `__ljfuzz_${ARITHMETIC[node.operator]}(${render(source, node.left)}, ${render(source, node.right)})`;
  }
  if (node.type === "AssignmentStatement" && node.variables.length === 1 && node.init.length === 1 && isStore(node.variables[0]!)) {
    const target = render(source, node.variables[0]!);
    // Stored, then read back: what the field made of the number.
    return `do local __ljfuzz_v = ${render(source, node.init[0]!)} ${target} = __ljfuzz_v __ljfuzz_stored(__ljfuzz_v, ${target}) end`;
  }
  const [start, end] = rangeOf(node);
  let out = "";
  let at = start;
  for (const child of children(node)) {
    const [childStart, childEnd] = rangeOf(child);
    out += source.slice(at, childStart) + render(source, child);
    at = childEnd;
  }
  return out + source.slice(at, end);
}

function isStore(target: Expression): boolean {
  return target.type === "MemberExpression" || target.type === "IndexExpression";
}

/** The nodes directly inside `node` that carry a range, in source order. */
function children(node: Node): Node[] {
  const out: Node[] = [];
  const add = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) add(v);
    else if (isNode(value)) out.push(value);
  };
  for (const [key, value] of Object.entries(node)) if (key !== "range" && key !== "loc") add(value);
  return out.sort((a, b) => rangeOf(a)[0] - rangeOf(b)[0]);
}

function isNode(value: unknown): value is Node | Statement {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string" && Array.isArray((value as { range?: unknown }).range);
}
