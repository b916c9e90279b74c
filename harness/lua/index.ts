// Lua text as ljfuzz reads, parses and writes it: the reducer's candidates
// and the sanitizer's instrumented copies are both made from it.

export {
  type CDeclaration,
  type CField,
  type CRange,
  type CText,
  cDeclarations,
  loadCParser,
} from "./c-declarations.ts";
export { type Block, type ExpressionRole, type ExpressionSite, type LuaOutline, outline } from "./lua-ast.ts";
export { readLuaFile, readLuaProgram, writeLuaFile, writeLuaFileAtomic } from "./lua-file.ts";
export { type Binding, namesIn, resolveScopes, type Scopes } from "./lua-scope.ts";
export { LuaParseError, type ParsedLua, parseLua, type Range, rangeOf, tryParseLua } from "./lua-syntax.ts";
export { childNodes, walkNodes } from "./lua-walk.ts";
export { type Position, positionsOf } from "./positions.ts";
