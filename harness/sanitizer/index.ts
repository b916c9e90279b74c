// The rules of a valid program, checked in an interpreted run: a wrong result
// of a program that breaks one is no LuaJIT bug (instrument.ts says which rules).

export { type CheckedRunOptions, ruleBroken } from "./checked-run.ts";
export { instrumentProgram } from "./instrument.ts";
