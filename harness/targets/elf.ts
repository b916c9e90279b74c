// Tells an executable for an architecture from anything else by its ELF
// header, so a wrong `bin:` target (or a build that made the wrong thing)
// fails with a clear word instead of a qemu error.
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import type { TargetArch } from "./source.ts";

const EM_AARCH64 = 183;
const EM_X86_64 = 62;
const MACHINES: Readonly<Record<TargetArch, { machine: number; name: string }>> = {
  arm64: { machine: EM_AARCH64, name: "aarch64" },
  x64: { machine: EM_X86_64, name: "x86-64" },
};

export type ElfCheck = { ok: true } | { ok: false; why: string };

export function checkAarch64Executable(path: string): ElfCheck {
  return checkExecutable(path, "arm64");
}

export function checkExecutable(path: string, arch: TargetArch): ElfCheck {
  const want = MACHINES[arch];
  const header = Buffer.alloc(20);
  const fd = openSync(path, "r");
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 20 || header.readUInt32BE(0) !== 0x7f454c46) return { ok: false, why: "not an ELF executable" };
  if (header[4] !== 2) return { ok: false, why: `a 32-bit ELF file, not ${want.name}` };
  const machine = header[5] === 1 ? header.readUInt16LE(18) : header.readUInt16BE(18);
  if (machine !== want.machine)
    return { ok: false, why: `an ELF file for machine ${machineName(machine)}, not ${want.name}` };
  return { ok: true };
}

function machineName(machine: number): string {
  const names: Record<number, string> = {
    3: "i386",
    8: "mips",
    21: "ppc64",
    40: "arm",
    62: "x86-64",
    183: "aarch64",
    243: "riscv",
  };
  return names[machine] ?? `#${machine}`;
}

const PT_INTERP = 3;

/** Whether an ELF executable is dynamically linked (has a program interpreter): LD_PRELOAD can reach it. */
export function isDynamicExecutable(path: string): boolean {
  const file = readFileSync(path);
  if (file.length < 64 || file.readUInt32BE(0) !== 0x7f454c46 || file[4] !== 2) return false;
  const little = file[5] === 1;
  const u16 = (at: number) => (little ? file.readUInt16LE(at) : file.readUInt16BE(at));
  const u32 = (at: number) => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const phoff = Number(little ? file.readBigUInt64LE(32) : file.readBigUInt64BE(32));
  const [size, count] = [u16(54), u16(56)];
  for (let i = 0; i < count && phoff + (i + 1) * size <= file.length; i++)
    if (u32(phoff + i * size) === PT_INTERP) return true;
  return false;
}
