// Lua text as ljfuzz reads, parses and writes it: the reducer's candidates
// and the sanitizer's instrumented copies are both made from it.

export { type Block, type ExpressionRole, type ExpressionSite, type LuaOutline, outline } from "./lua-ast.ts";
export { readLuaFile, readLuaProgram, writeLuaFile, writeLuaFileAtomic } from "./lua-file.ts";
export { LuaParseError, type ParsedLua, parseLua, type Range, rangeOf, tryParseLua } from "./lua-syntax.ts";
export { childNodes, walkNodes } from "./lua-walk.ts";
export { type Position, positionsOf } from "./positions.ts";
