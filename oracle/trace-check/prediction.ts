// What the IR says the backend must emit for a trace: the accesses it folds
// and the pairs it fuses, predicted once per reading and flags. The oracle
// (check.ts) and the trace features (oracle/features) both ask, for every
// screened trace; predicting pairs runs the encoder.
import { type Access, type BackendOptions, predictAccesses } from "./accesses.ts";
import type { TraceIr } from "./ir.ts";
import { type PredictedPair, predictPairs } from "./pairs.ts";

export interface TracePrediction {
  readonly accesses: readonly Access[];
  /** Empty when the encoder rejects a register (a prediction never stops the check). */
  readonly pairs: readonly PredictedPair[];
}

/** Per reading, its predictions by flags (optionsSlot): two booleans, four slots. */
const predictions = new WeakMap<TraceIr, Array<TracePrediction | undefined>>();

const optionsSlot = (options: BackendOptions): number => (options.fuse ? 1 : 0) | (options.dce ? 2 : 0);

/** The accesses and pairs of `ir` under `options`, made once per reading and flags. */
export function tracePrediction(ir: TraceIr, options: BackendOptions): TracePrediction {
  let byOptions = predictions.get(ir);
  if (byOptions === undefined) {
    byOptions = [];
    predictions.set(ir, byOptions);
  }
  const slot = optionsSlot(options);
  let prediction = byOptions[slot];
  if (prediction === undefined) {
    const accesses = predictAccesses(ir, options);
    prediction = { accesses, pairs: safePredictPairs(ir, accesses) };
    byOptions[slot] = prediction;
  }
  return prediction;
}

function safePredictPairs(ir: TraceIr, accesses: readonly Access[]): PredictedPair[] {
  try {
    return predictPairs(ir, accesses);
  } catch {
    return [];
  }
}
