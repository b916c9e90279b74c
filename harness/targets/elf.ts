// Tells an aarch64 executable from anything else by its ELF header, so a
// wrong `bin:` target fails with a clear word instead of a qemu error.
import { closeSync, openSync, readSync } from "node:fs";

const EM_AARCH64 = 183;

export type ElfCheck = { ok: true } | { ok: false; why: string };

export function checkAarch64Executable(path: string): ElfCheck {
  const header = Buffer.alloc(20);
  const fd = openSync(path, "r");
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 20 || header.readUInt32BE(0) !== 0x7f454c46) return { ok: false, why: "not an ELF executable" };
  if (header[4] !== 2) return { ok: false, why: "a 32-bit ELF file, not aarch64" };
  const machine = header[5] === 1 ? header.readUInt16LE(18) : header.readUInt16BE(18);
  if (machine !== EM_AARCH64) return { ok: false, why: `an ELF file for machine ${machineName(machine)}, not aarch64` };
  return { ok: true };
}

function machineName(machine: number): string {
  const names: Record<number, string> = { 3: "i386", 40: "arm", 62: "x86-64", 243: "riscv", 8: "mips", 21: "ppc64" };
  return names[machine] ?? `#${machine}`;
}
