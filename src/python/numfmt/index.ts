// Python number formatting for the interpreter and the tensor printer: repr/str of floats, the
// '{:.pf}' / '{:.pe}' / '{:.pg}' formatters, and format(value, spec) for int/bool/float/str.
// Pipeline: digits.ts (exact decimal digits) -> floatText.ts (float text) -> spec.ts (spec parsing)
// -> numberField.ts (padding, grouping) -> formatSpec.ts (per-type rules).

export { doubleToString, formatExp, formatFixed, formatG, pyFloatRepr, pyFloatStr } from './floatText';
export type { FloatCode, FloatTextFlags } from './floatText';
export { formatSpec } from './formatSpec';
export type { FormatValue } from './formatSpec';
export { parseSpec } from './spec';
export type { ParsedSpec } from './spec';
