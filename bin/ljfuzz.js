#!/usr/bin/env node
// The published entry point: ljfuzz is written in TypeScript and run through tsx,
// so `npx ljfuzz` works straight after `npm ci`, with no build step to remember.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../harness/cli/index.ts");
process.exitCode = await main(process.argv.slice(2));
