// The margin / embedding losses (functional_loss.ts) against real PyTorch:
// fixtures/loss_cases.py run through the oracle gives loss_cases.json (one OK/ERR line per
// case: dtype, shape, grad_fn, exact values or the error text); the same script runs through the
// interpreter here and each line must be identical. The lines listed in KNOWN_GAPS differ for
// triplet_margin_loss's distances: the engine's p-norm over the last dim rounds a few ulp off
// ATen's norm kernel (F.pairwise_distance shares the gap);
// they run as it.fails, so fixing the engine turns them red until moved back,
// and their values are still checked to a tight relative tolerance.

import { describeCaseLines } from '../../../run/testing/caseLines';
import { installTorchBindings } from '../index';

installTorchBindings();
const KNOWN_GAPS = new Set(['triplet mean', 'triplet sum', 'triplet none', 'triplet swap p1', 'triplet legacy', 'grad']);
const NUMERIC_GAPS = KNOWN_GAPS;

describeCaseLines('F margin / embedding losses against the oracle', new URL('./fixtures/', import.meta.url), 'loss_cases', { known: KNOWN_GAPS, numeric: NUMERIC_GAPS });
