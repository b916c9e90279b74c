/**
 * Numbers the mutators of seeds change literals to: near the edges of the
 * integer types, and at the ends of the A64 load/store immediate ranges.
 */
import type { EdgeStep, EncodingForm } from "../arbitraries/plan.ts";
import { edgeOffset, formRange } from "../resolve/edges.ts";

export const INTERESTING_INTS: readonly number[] = [
  0, 1, -1, 7, 8, 255, 256, -256, -257, 4095, 4096, 32767, 32768, 65535, 65536, 0x7fffffff, -0x80000000,
];

const FORMS: readonly EncodingForm[] = ["unscaled", "scaled", "pair"];
const SIZES = [1, 2, 4, 8] as const;
const STEPS: readonly EdgeStep[] = ["inside", "at", "past"];

/**
 * A literal index or pointer term of a program we did not write counts
 * elements of a size we do not know (bytes for a byte pointer): for every
 * access size and every form, the first and last element index whose byte
 * offset the form encodes, a step inside and a step past, and the byte
 * offsets at the same places (../resolve/edges.ts).
 */
export const OFFSET_EDGES: readonly number[] = [
  ...new Set(
    FORMS.flatMap((form) =>
      SIZES.flatMap((size) => {
        const { lo, hi } = formRange(form, size);
        const [first, last] = [Math.ceil(lo / size), Math.floor(hi / size)];
        const elements = [first - 1, first, first + 1, last - 1, last, last + 1];
        const bytes = [false, true].flatMap((high) => STEPS.map((step) => edgeOffset(form, size, high, step, 0)));
        return [...elements, ...bytes];
      }),
    ),
  ),
].sort((a, b) => a - b);
