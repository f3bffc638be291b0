// torch.set_printoptions / torch.get_printoptions: the print options the tensor printer reads,
// with PyTorch 2.6's update rules (a profile sets four options first, explicit options override
// it, and every call assigns sci_mode, to None when not passed). One module-level current options
// object, as in torch._tensor_str.PRINT_OPTS.

export interface PrintOptions {
  precision: number;
  /** numel above this summarizes; may be Infinity ('full' profile, float('inf')) */
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** null = choose per tensor */
  sci_mode: boolean | null;
}

/** Keyword arguments of torch.set_printoptions; null/undefined = not passed (None). */
export interface SetPrintOptionsArgs {
  precision?: number | null;
  threshold?: number | null;
  edgeitems?: number | null;
  linewidth?: number | null;
  profile?: string | null;
  sci_mode?: boolean | null;
}

export const DEFAULT_PRINT_OPTIONS: Readonly<PrintOptions> = Object.freeze({
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sci_mode: null,
});

const PROFILES: Record<string, Omit<PrintOptions, 'sci_mode'>> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

/** The options after one set_printoptions(**args) call on `base` (pure). Unknown profiles are
 * ignored, as torch ignores them. */
export function applyPrintOptions(base: Readonly<PrintOptions>, args: SetPrintOptionsArgs): PrintOptions {
  const o: PrintOptions = { ...base };
  if (args.profile != null && Object.prototype.hasOwnProperty.call(PROFILES, args.profile)) {
    Object.assign(o, PROFILES[args.profile]);
  }
  if (args.precision != null) o.precision = args.precision;
  if (args.threshold != null) o.threshold = args.threshold;
  if (args.edgeitems != null) o.edgeitems = args.edgeitems;
  if (args.linewidth != null) o.linewidth = args.linewidth;
  o.sci_mode = args.sci_mode ?? null; // always assigned: a call without sci_mode resets it
  return o;
}

let current: PrintOptions = { ...DEFAULT_PRINT_OPTIONS };

/** torch.set_printoptions(...) on the module-level options. */
export function setPrintOptions(args: SetPrintOptionsArgs): void {
  current = applyPrintOptions(current, args);
}

/** A copy of the current options (torch.get_printoptions()). */
export function getPrintOptions(): PrintOptions {
  return { ...current };
}

/** Back to torch's defaults (a fresh interpreter run starts here). */
export function resetPrintOptions(): void {
  current = { ...DEFAULT_PRINT_OPTIONS };
}
