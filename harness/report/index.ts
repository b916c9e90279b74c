// Bug reports for the LuaJIT tracker, and the cases they are written about.

export { bugReport, type ReportRun } from "./bug-report.ts";
export { type CaseInput, programText, resolveCase } from "./case-input.ts";
