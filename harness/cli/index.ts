// The command line: `ljfuzz COMMAND`, one file per command under commands/.

export { main } from "./main.ts";
