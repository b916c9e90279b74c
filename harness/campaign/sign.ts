// Signing: a confirmed failure's signature. What the oracle placed signs
// itself; a failure it cannot place gets, as its "where", the JIT options it
// needs and what hides it (triage/), which runs the program a dozen times or
// more. So every hit is triaged until a kind of failure (target and the
// signature its run shows) has had TRIAGE_LIMIT of them; then a hit with the
// same option names as one triaged before takes that signature unrun
// (counting may then err).
import { jitOptionName } from "../execution/index.ts";
import { formatSignature, type Signature } from "../signature/index.ts";

/** Hits of one kind of failure triaged in full. */
export const TRIAGE_LIMIT = 30;

export class TriageMemo {
  readonly #signatures = new Map<string, Signature>();
  readonly #triaged = new Map<string, number>();
  readonly #limit: number;

  constructor(limit = TRIAGE_LIMIT) {
    this.#limit = limit;
  }

  /** `base`: what the run shows; `triage` finds the rest. */
  async sign(
    target: string,
    base: Signature,
    jitOptions: readonly string[],
    triage: () => Promise<Signature>,
  ): Promise<Signature> {
    const kind = `${target} ${formatSignature(base)}`;
    const key = [kind, ...new Set(jitOptions.map(jitOptionName))].join(" ");
    const before = this.#signatures.get(key);
    if (before !== undefined && (this.#triaged.get(kind) ?? 0) >= this.#limit) return before;
    this.#triaged.set(kind, (this.#triaged.get(kind) ?? 0) + 1);
    const signature = await triage();
    this.#signatures.set(key, signature);
    return signature;
  }
}
