// Bug reports for the LuaJIT tracker, and the cases they are written about.

export { bugReport, type ReportRun } from "./bug-report.ts";
export { type CaseInput, entryCase, programText, resolveCase } from "./case-input.ts";
export { type IndexedReport, reportIndex } from "./report-index.ts";
export { gatherFacts, reportMarkdown } from "./report-runs.ts";
