// The torch.utils.data conformance scenarios (conformance/185..186): a training loop over a shuffled
// DataLoader of a Python Dataset split with random_split, and per-sample gradients (vmap of grad of
// functional_call) over DataLoader batches.

import { describeScenarios } from '../../../run/testing/scenarios';

describeScenarios('conformance: torch.utils.data scenarios', ['185_data_loader_training', '186_data_per_sample_grads']);
