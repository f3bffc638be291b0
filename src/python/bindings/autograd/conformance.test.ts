// The grad_ conformance scenarios (conformance/68..72): backward through functional_call,
// torch.func.grad, vmap(grad(...)) per-sample gradients, the doc's grad example as written, and
// gradients through a parametrization's `original` vs its plain key.

import { describeScenarios } from '../../../run/testing/scenarios';

describeScenarios('conformance: grad_ scenarios', [
  '68_grad_backward_overrides', '69_grad_func_grad', '70_grad_vmap_per_sample', '71_grad_doc_asis', '72_grad_parametrized',
]);
