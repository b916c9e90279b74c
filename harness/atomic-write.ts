// A file written whole or not at all: through a temporary file and a rename
// (write-file-atomic), so Ctrl-C or a crash of ours at any moment leaves the
// previous file or the new one, never half of one. Not flushed to disk each
// time: what is rewritten on every hit (findings.json) must stay cheap.
import writeFileAtomic from "write-file-atomic";

export function writeAtomically(path: string, text: string, encoding: BufferEncoding = "utf8"): void {
  writeFileAtomic.sync(path, text, { encoding, fsync: false });
}
