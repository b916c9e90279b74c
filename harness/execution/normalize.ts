// What may legitimately differ between two runs of one program, taken out
// before comparing: heap addresses, and the words qemu adds when a guest dies.

const ADDRESS =
  /\b(table|function|userdata|thread|proto|trace|builtin|cdata<[^>\n]*>|cdata): (0x)?[0-9a-fA-F]{6,16}\b/g;
const QEMU_NOTE = /^qemu: uncaught target signal [^\n]*\n?/gm;

export function normalizeOutput(text: string): string {
  return text.replace(QEMU_NOTE, "").replace(ADDRESS, "$1: 0x?");
}
