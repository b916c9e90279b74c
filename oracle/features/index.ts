// Trace features: what the JIT did with each case, hashed into a fixed map
// that a campaign keeps the union of.

export { CoverageSet, MAP_ENTRIES } from "./coverage-set.ts";
export { caseFeatures, caseFeatureTexts } from "./extract.ts";
export { featureIndex } from "./feature-hash.ts";
export { type AddressingMode, type LoadStoreForm, loadStoreForm } from "./load-store-form.ts";
export { imm9Class, type OffsetClass, offsetClasses, pairClass, uimmClass } from "./offset-class.ts";
