// After the passes over the tree, C-Reduce's passes over the text: lines
// removed in chunks halving down to one, then single tokens and pairs of
// tokens. Most such cuts do not parse and cost nothing (they are never
// run); the few that do catch what no tree pass proposes (a `local`
// keyword, one operand with its operator, half of a long string).
import type { LuaCandidate, LuaContext } from "./candidate.ts";
import { chunkSizes } from "./statements.ts";

export function removeLines(context: LuaContext, size: number): LuaCandidate[] {
  const { source } = context.parsed;
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n" && i + 1 < source.length) starts.push(i + 1);
  const out: LuaCandidate[] = [];
  for (let first = 0; first < starts.length; first += size) {
    const last = Math.min(first + size, starts.length);
    const start = starts[first]!;
    const end = last < starts.length ? starts[last]! : source.length;
    out.push({
      kind: "lines",
      site: first,
      what: size === 1 ? `remove line ${first + 1}` : `remove lines ${first + 1}-${last}`,
      splices: [{ start, end, text: "" }],
    });
  }
  return out;
}

/** The chunk sizes of the line pass for this many lines. */
export function lineChunkSizes(lines: number): number[] {
  return chunkSizes(lines);
}

export function removeTokens(context: LuaContext, count: 1 | 2): LuaCandidate[] {
  const tokens = luaTokens(context.parsed.source);
  const out: LuaCandidate[] = [];
  const { source } = context.parsed;
  for (let i = 0; i + count <= tokens.length; i++) {
    const first = tokens[i]!;
    const last = tokens[i + count - 1]!;
    const text = source.slice(first[0], last[1]);
    // A global instead of a local is no smaller a reproducer, and reads worse.
    if (text.split(/\s+/).includes("local")) continue;
    // A space stands where they were only where the tokens around them would fuse; no doubled space is left.
    const end = /[ \t]/.test(source[first[0] - 1] ?? "\n") && source[last[1]] === " " ? last[1] + 1 : last[1];
    out.push({
      kind: "tokens",
      site: i,
      what: `remove '${text}' at line ${context.lineOf(first[0])}`,
      splices: [{ start: first[0], end, text: fuses(source, first[0], end) ? " " : "" }],
    });
  }
  return out;
}

/** Token ranges of Lua text: names, numbers, strings, operators; comments and whitespace skipped. */
export function luaTokens(source: string): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  let i = 0;
  const longBracket = (at: number): number => {
    const m = /^\[(=*)\[/.exec(source.slice(at, at + 64));
    if (!m) return -1;
    const close = source.indexOf(`]${m[1]}]`, at + m[0].length);
    return close < 0 ? source.length : close + m[1]!.length + 2;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (source.startsWith("--", i)) {
      const end = longBracket(i + 2);
      if (end >= 0) i = end;
      else {
        const nl = source.indexOf("\n", i);
        i = nl < 0 ? source.length : nl;
      }
      continue;
    }
    const start = i;
    const long = c === "[" ? longBracket(i) : -1;
    if (long >= 0) i = long;
    else if (c === '"' || c === "'") {
      i++;
      while (i < source.length && source[i] !== c && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      while (i < source.length && /[0-9A-Za-z_.]/.test(source[i]!)) {
        const exponent = /[eEpP]/.test(source[i]!) && /[+-]/.test(source[i + 1] ?? "");
        i += exponent ? 2 : 1;
      }
    } else {
      const three = source.slice(i, i + 3);
      const two = source.slice(i, i + 2);
      i += three === "..." ? 3 : ["==", "~=", "<=", ">=", "..", "::", "//", "<<", ">>"].includes(two) ? 2 : 1;
    }
    out.push([start, Math.min(i, source.length)]);
  }
  return out;
}

function fuses(source: string, start: number, end: number): boolean {
  const word = /[A-Za-z0-9_]/;
  return start > 0 && end < source.length && word.test(source[start - 1]!) && word.test(source[end]!);
}
