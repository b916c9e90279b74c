// The files a step writes to talk to the runner (GITHUB_OUTPUT, GITHUB_ENV):
// `name=value` lines, or `name<<DELIMITER` … `DELIMITER` for values with newlines.

export class CommandFileInvalid extends Error {}

export function parseCommandFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
      if (i >= lines.length) throw new CommandFileInvalid(`${name}: no line ${delimiter} ends its value`);
      out.set(name!, value.join("\n"));
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) throw new CommandFileInvalid(`not name=value or name<<DELIMITER: ${line}`);
    out.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return out;
}

/** GITHUB_PATH: one folder a line, each put before PATH for the steps after. */
export function parsePathFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}
