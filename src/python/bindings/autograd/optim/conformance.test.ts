// The optim conformance scenarios (conformance/170..171): AdamW + StepLR + clip_grad_norm_ training a
// small regression, and a MAML-style meta-learning loop through functional_call under Adam +
// CosineAnnealingLR.

import { describeScenarios } from '../../../../run/testing/scenarios';

describeScenarios('conformance: optim scenarios', ['170_optim_adamw_steplr', '171_optim_functional_meta']);
