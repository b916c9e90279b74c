// The sanitizer's rewrite: the same program, with every arithmetic operation
// and every load and store through a field or an index checked, at run time,
// against the rules a generated program keeps (generators/README.md, "What
// every program guarantees"). A program that breaks them can differ between
// JIT and interpreter with no bug in either:
//   - a NaN or an infinity (`x % 0`, `x / 0`), or a value at or past 2^53,
//     where doubles stop being exact integers;
//   - `+`, `-` or `*` on a fraction: the arm64 JIT may fuse a multiply and
//     an add into one FMADD, which rounds once instead of twice;
//   - a NaN stored into memory (LuaJIT does not canonicalize NaNs it loads);
//   - a number stored into a field it does not fit, past int32's range
//     (below it, both truncate the same way): the conversion is the C
//     compiler's on one side and FCVTZS's on the other. A double stored into
//     a double field reads back the same and is any value at all;
//   - pairs or next over a hash part holding string or object keys: their
//     order follows string hashes, seeded anew in every process, and
//     addresses, so two runs of one program list them differently (the
//     generator never iterates a table; real programs do, and a mutant of
//     one that drops its table.sort prints the keys in that order);
//   - a load or store through FFI memory outside what the program allocated
//     with ffi.new: it reads or overwrites LuaJIT's own heap, whose layout
//     differs between the two runs (the reducer once turned fill's
//     `math.min(n, 254) - 1` into `n`, one byte past a buffer).
// Generated programs pass by construction (checked in sanitizer.test.ts);
// the reducer and the campaign use it to refuse programs that do not.
import type { Expression, MemberExpression, Node, Statement } from "luaparse";
import { parseLua, rangeOf } from "../lua/index.ts";

/** The first line of the error a broken rule raises; the rule follows it. */
export const VIOLATION_MARKER = "ljfuzz-sanitizer: ";

const ARITHMETIC: Readonly<Record<string, string>> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "^": "pow",
};

/**
 * The checks, as globals defined inside a `do` block: the rewrite adds no
 * local and no upvalue to any of the program's functions (whose limits a
 * generated program may be near). A broken rule raises an error that names
 * the rule and the program's line.
 *
 * Memory: ffi.new records each buffer's bytes. An index or a field checks
 * the bytes it touches (ffi.typeinfo gives sizes and offsets). One that
 * names a struct or an array checks nothing itself: the field or element
 * read from it is checked in turn, and a struct may overhang either end of
 * a buffer its used fields lie in.
 *
 * Iteration: `next` (and `pairs`, which returns it) keeps, for each
 * table, how far a walk got by the key it reached: n >= 0 while the keys
 * are the array part's (n is the next index), -1 once they are hash keys
 * that are all numbers or booleans (hashed by value), -2 after one hash
 * key of another type; a second hash key after that breaks the rule. By
 * key, not by walk, so two walks of one table at once (nested loops) see
 * the same order and do not mix. (No Lua comment here: the prelude is
 * one line.)
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
  local ffi = require("ffi")
  local cast, sizeof, typeof, typeinfo, new = ffi.cast, ffi.sizeof, ffi.typeof, ffi.typeinfo, ffi.new
  local band, rshift, tonumber = bit.band, bit.rshift, tonumber
  local function address(x) return tonumber(cast("uintptr_t", cast("const char *", x))) end
  local function kind(id) return rshift(typeinfo(id).info, 28) end
  local function resolved(id)
    local k = kind(id)
    while k == 7 or k == 8 do id = band(typeinfo(id).info, 0xffff) k = kind(id) end
    return id, k
  end
  local allocations = {}
  ffi.new = function(...)
    local o = new(...)
    local _, k = resolved(tonumber(typeof(o)))
    if k == 1 or k == 3 then local at = address(o) allocations[#allocations + 1] = { at, at + sizeof(o), o } end
    return o
  end
  local function inside(at, size, what)
    for i = 1, #allocations do
      local a = allocations[i]
      if at >= a[1] and at + size <= a[2] then return end
    end
    bad(what .. " outside memory the program allocated")
  end
  local function child(id) return resolved(band(typeinfo(id).info, 0xffff)) end
  local function scalar_size(id)
    local sid, k = resolved(id)
    return k ~= 1 and k ~= 3 and typeinfo(sid).size
  end
  local elements = {}
  local function element(id)
    local bid, kb = resolved(id)
    if kb == 2 and band(typeinfo(bid).info, 0x800000) ~= 0 then bid, kb = child(bid) end
    if kb ~= 2 and kb ~= 3 then return false end
    return scalar_size(band(typeinfo(bid).info, 0xffff))
  end
  __ljfuzz_in = function(b, k)
    if type(b) == "cdata" and type(k) == "number" then
      local id = tonumber(typeof(b))
      local size = elements[id]
      if size == nil then size = element(id) elements[id] = size end
      if size then inside(address(b + k), size, "an element [" .. k .. "]") end
    end
    return b
  end
  __ljfuzz_at = function(b, k) __ljfuzz_in(b, k) return b[k] end
  local fields = {}
  local function field(id, name)
    local sid, k = resolved(id)
    if k == 2 then sid, k = child(sid) end
    if k ~= 1 then return false end
    local m = typeinfo(sid).sib
    while m do
      local t = typeinfo(m)
      if t.name == name then
        local size = rshift(t.info, 28) == 9 and scalar_size(band(t.info, 0xffff))
        return size and { t.size, size }
      end
      m = t.sib
    end
    return false
  end
  __ljfuzz_of = function(b, name)
    if type(b) == "cdata" then
      local id = tonumber(typeof(b))
      local byname = fields[id]
      if not byname then byname = {} fields[id] = byname end
      local f = byname[name]
      if f == nil then f = field(id, name) byname[name] = f end
      if f then inside(address(b) + f[1], f[2], "field ." .. name) end
    end
    return b
  end
  __ljfuzz_get = function(b, name) __ljfuzz_of(b, name) return b[name] end
  local rawnext = next
  local walks = setmetatable({}, { __mode = "k" })
  next = function(t, k)
    local nk, v = rawnext(t, k)
    if nk ~= nil then
      local at = walks[t]
      if not at then at = {} walks[t] = at end
      local w = k ~= nil and at[k] or 0
      if w >= 0 and (nk == w or (w == 0 and nk == 1)) then at[nk] = nk + 1
      else
        local kt = type(nk)
        local byValue = kt == "number" or kt == "boolean"
        if w == -2 or (w == -1 and not byValue) then bad("pairs or next over string or object keys: their order differs from run to run") end
        at[nk] = byValue and -1 or -2
      end
    end
    return nk, v
  end
  local iterate = next
  pairs = function(t) return iterate, t, nil end
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

/** Tables whose fields are never FFI memory: their lookups stay as they are. */
const LIBRARIES = new Set([
  "ffi",
  "bit",
  "math",
  "string",
  "table",
  "jit",
  "io",
  "os",
  "coroutine",
  "debug",
  "package",
]);

/** A node's text with every checked operation inside it rewritten. */
function render(source: string, node: Node): string {
  if (node.type === "BinaryExpression" && ARITHMETIC[node.operator]) {
    return `__ljfuzz_${ARITHMETIC[node.operator]}(${render(source, node.left)}, ${render(source, node.right)})`;
  }
  if (
    node.type === "AssignmentStatement" &&
    node.variables.length === 1 &&
    node.init.length === 1 &&
    isStore(node.variables[0]!)
  ) {
    return renderStore(source, node.variables[0]!, render(source, node.init[0]!));
  }
  if (node.type === "IndexExpression")
    return `__ljfuzz_at(${render(source, node.base)}, ${render(source, node.index)})`;
  if (node.type === "MemberExpression" && isCheckedMember(node))
    return `__ljfuzz_get(${render(source, node.base)}, "${node.identifier.name}")`;
  // `function t.f()` names a place; it is no load.
  if (node.type === "FunctionDeclaration" && node.identifier?.type === "MemberExpression")
    return renderChildren(source, node, (child) =>
      child === node.identifier ? verbatim(source, child) : render(source, child),
    );
  // Several places at once: each checked, then assigned.
  if (node.type === "AssignmentStatement")
    return renderChildren(source, node, (child) =>
      (node.variables as readonly Node[]).includes(child)
        ? renderPlace(source, child as Expression)
        : render(source, child),
    );
  return renderChildren(source, node, (child) => render(source, child));
}

/**
 * A store, its value then read back (what the field made of the number).
 * The place's base and index are evaluated once, as in the program.
 */
function renderStore(source: string, place: Expression, value: string): string {
  if (place.type === "IndexExpression") {
    return `do local __ljfuzz_v = ${value} local __ljfuzz_b, __ljfuzz_k = ${render(source, place.base)}, ${render(source, place.index)} __ljfuzz_in(__ljfuzz_b, __ljfuzz_k)[__ljfuzz_k] = __ljfuzz_v __ljfuzz_stored(__ljfuzz_v, __ljfuzz_b[__ljfuzz_k]) end`;
  }
  if (place.type === "MemberExpression") {
    const name = place.identifier.name;
    const check = isCheckedMember(place) ? `__ljfuzz_of(__ljfuzz_b, "${name}")` : "__ljfuzz_b";
    return `do local __ljfuzz_v = ${value} local __ljfuzz_b = ${render(source, place.base)} ${check}.${name} = __ljfuzz_v __ljfuzz_stored(__ljfuzz_v, __ljfuzz_b.${name}) end`;
  }
  return `${render(source, place)} = ${value}`;
}

/** A place assigned among others: checked, still a place (its index written twice: generated indexes are pure). */
function renderPlace(source: string, place: Expression): string {
  if (place.type === "IndexExpression") {
    const index = render(source, place.index);
    return `__ljfuzz_in(${render(source, place.base)}, ${index})[${index}]`;
  }
  if (place.type === "MemberExpression" && isCheckedMember(place))
    return `__ljfuzz_of(${render(source, place.base)}, "${place.identifier.name}").${place.identifier.name}`;
  return render(source, place);
}

/** `x.f`, not `x:f` (a method) nor a library's function. */
function isCheckedMember(node: MemberExpression): boolean {
  return node.indexer === "." && !(node.base.type === "Identifier" && LIBRARIES.has(node.base.name));
}

/** The node's text with each child replaced by `each(child)`. */
function renderChildren(source: string, node: Node, each: (child: Node) => string): string {
  const [start, end] = rangeOf(node);
  let out = "";
  let at = start;
  for (const child of children(node)) {
    const [childStart, childEnd] = rangeOf(child);
    out += source.slice(at, childStart) + each(child);
    at = childEnd;
  }
  return out + source.slice(at, end);
}

function verbatim(source: string, node: Node): string {
  const [start, end] = rangeOf(node);
  return source.slice(start, end);
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
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { type?: unknown }).type === "string" &&
    Array.isArray((value as { range?: unknown }).range)
  );
}
