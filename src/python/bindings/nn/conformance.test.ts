// The nn/ additions' conformance scenarios (82–94: collections/OrderedDict state_dict, layer
// versions and the new layers, nn.utils, RNNs and gradients, attention, containers and hooks,
// ConvTranspose, Upsample, backward hooks, parametrization transfer, more F.*, RNN cells, the
// Transformer decoder; 160: pooling and resampling layers in a small U-Net under functional_call),
// so `npx vitest run src/python/bindings/nn` covers them too.

import { describeScenarios } from '../../../run/testing/scenarios';

describeScenarios('nn additions match PyTorch 2.6 (oracle goldens)', [
  '82_nn_collections', '83_nn_more_layers', '84_nn_utils', '85_nn_rnn_pool_grads', '86_nn_attention',
  '87_nn_containers_hooks', '88_nn_conv_transpose', '89_nn_upsample', '90_nn_backward_hooks', '91_param_transfer',
  '92_nn_functional_more', '93_nn_rnn_cells', '94_nn_transformer_decoder', '160_nn_unet_resample',
]);
