// The torch-facing conformance scenarios this part answers for — printing (51-56), RNG parity
// (57-60) and three that lean on torch's argument errors and tensor plumbing (03, 07, 16).

import { describeScenarios } from '../../../run/testing/scenarios';

describeScenarios('conformance through the torch bindings', [
  '51_print_scalars', '52_print_sci_mode', '53_print_2d', '54_print_grad_fn', '55_print_dtypes',
  '56_print_python_values', '57_rng_basic', '58_rng_inplace_fill', '59_rng_nn_init', '60_rng_sizes',
  '03_doc_tied_last_line_asis', '07_call_args_forms', '16_call_uncaught_shape_error',
]);
