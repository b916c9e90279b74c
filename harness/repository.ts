// Where this repository keeps what ljfuzz reads at run time: the corpus of
// known bugs (its entries, and the fix.patch files +fixes builds apply).
import { fileURLToPath } from "node:url";

export const DEFAULT_CORPUS = fileURLToPath(new URL("../corpus/", import.meta.url));
