/**
 * What the resolver knows about the Lua values in scope: for integers an
 * upper bound of their magnitude (so arithmetic stays exact), for values
 * loaded from memory the C type they came from (so a store can copy them
 * bit for bit).
 */
import type { ScalarClass, ScalarName } from "../program/ctype.ts";

export type Binding = {
  readonly name: string;
  readonly cls: ScalarClass;
  /** Integers only: |value| <= bound. */
  readonly bound: number;
  /** Set when the value was loaded from memory of this type. */
  readonly scalar?: ScalarName;
};

/** An enclosing `for` loop whose variable may appear in addresses. */
export type LoopVar = { readonly name: string; readonly min: number; readonly max: number; readonly step: number };

export class Env {
  private readonly bindings: Binding[] = [];

  constructor(
    readonly parent: Env | undefined,
    readonly loops: readonly LoopVar[],
    /** Inside a loop body (`break` is allowed). */
    readonly inLoop: boolean,
  ) {}

  child(loop?: LoopVar, inLoop = this.inLoop || loop !== undefined): Env {
    return new Env(this, loop ? [...this.loops, loop] : this.loops, inLoop);
  }

  bind(b: Binding): void {
    this.bindings.push(b);
  }

  /** Undoes the bindings made since `mark()`. */
  mark(): () => void {
    const n = this.bindings.length;
    return () => {
      this.bindings.length = n;
    };
  }

  /** Visible bindings, innermost first, hidden names removed. */
  all(): Binding[] {
    const seen = new Set<string>();
    const out: Binding[] = [];
    for (let e: Env | undefined = this; e; e = e.parent) {
      for (let i = e.bindings.length - 1; i >= 0; i--) {
        const b = e.bindings[i]!;
        if (!seen.has(b.name)) {
          seen.add(b.name);
          out.push(b);
        }
      }
    }
    return out;
  }

  ints(): Binding[] {
    return this.all().filter((b) => b.cls === "int");
  }

  loadedAs(scalar: ScalarName): Binding[] {
    return this.all().filter((b) => b.scalar === scalar);
  }

  innermostLoop(): LoopVar | undefined {
    return this.loops[this.loops.length - 1];
  }
}
