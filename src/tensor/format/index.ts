// Tensor printing (repr/str of a tensor exactly as PyTorch 2.6 prints it) and the print options
// behind torch.set_printoptions. Pipeline: options.ts -> formatTensor.ts, which uses
// elementFormatter.ts (mode and width) and layout.ts (brackets, wrapping, summarization);
// tensorFormatSpec.ts is f"{t:spec}".

export { formatTensor, shapeTupleText } from './formatTensor';
export type { FormatContext } from './formatTensor';
export {
  DEFAULT_PRINT_OPTIONS,
  applyPrintOptions,
  getPrintOptions,
  resetPrintOptions,
  setPrintOptions,
} from './options';
export type { PrintOptions, SetPrintOptionsArgs } from './options';
export type { PrintableTensor } from './printable';
export { formatTensorSpec } from './tensorFormatSpec';
