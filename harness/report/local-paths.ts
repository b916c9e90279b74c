// A report goes to a public tracker: no path of the machine that wrote it.
// Each folder given (the case's own, the build cache, the working folder,
// the home folder) is cut from the text, so `/home/me/x/case.lua:3` reads
// `case.lua:3`.

/** The text with every given folder removed: `DIR/name` becomes `name`, `DIR` alone becomes `.`. */
export function withoutLocalPaths(text: string, folders: readonly string[]): string {
  // Longest first: a folder inside another is cut whole.
  const sorted = [...new Set(folders.map((f) => f.replace(/\/+$/, "")))]
    .filter((f) => f.length > 1)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const folder of sorted) out = out.split(`${folder}/`).join("").split(folder).join(".");
  return out;
}
