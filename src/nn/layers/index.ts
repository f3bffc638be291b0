// The built-in layers, by their torch.nn names (the bindings expose this table as torch.nn.*).

import { PyType as PyTypeClass, type PyType } from '../../python/object';
import { PADDING_LAYERS } from './padding';
import { MARGIN_LOSSES } from './loss_margin';
import { AlphaDropoutType, Dropout1dType, Dropout2dType, Dropout3dType, DropoutType, ELUType, FeatureAlphaDropoutType, FlattenType, GELUType, LeakyReLUType, LogSoftmaxType, ReLUType, SiLUType, SigmoidType, SoftmaxType, TanhType } from './activation';
import { DataParallelType, ModuleDictType, ModuleListType, SequentialType } from './container';
import { Conv1dType, Conv2dType } from './conv';
import { EmbeddingType } from './embedding';
import { BilinearType, IdentityType, LinearType } from './linear';
import { BatchNorm1dType, BatchNorm2dType, LayerNormType } from './norm';
import {
  AdaptiveAvgPool1dType, AdaptiveAvgPool2dType, AdaptiveMaxPool1dType, AdaptiveMaxPool2dType, AvgPool1dType, AvgPool2dType, MaxPool1dType, MaxPool2dType,
} from './pooling';
import * as More from './activation_more';
import * as Loss from './loss';
import { GRUType, LSTMType, RNNType } from './rnn';
import { GRUCellType, LSTMCellType, RNNCellType } from './rnn_cells';
import { TransformerDecoderLayerType, TransformerDecoderType, TransformerType } from './transformer_decoder';
import { ParameterDictType, ParameterListType } from './param_containers';
import { ConvTranspose1dType, ConvTranspose2dType } from './conv_transpose';
import { UpsampleType, UpsamplingBilinear2dType, UpsamplingNearest2dType } from './upsample';
import { MultiheadAttentionType, NonDynamicallyQuantizableLinearType, TransformerEncoderLayerType, TransformerEncoderType } from './transformer';
import { GroupNormType, InstanceNorm1dType, InstanceNorm2dType, RMSNormType } from './norm_more';

const isType = (v: unknown): v is PyType => v instanceof PyTypeClass;

export const LAYERS: ReadonlyMap<string, PyType> = new Map(
  [
    IdentityType, LinearType, BilinearType, EmbeddingType, LayerNormType, BatchNorm1dType, BatchNorm2dType,
    ...PADDING_LAYERS, ...MARGIN_LOSSES, DropoutType, Dropout1dType, Dropout2dType, Dropout3dType, AlphaDropoutType, FeatureAlphaDropoutType, Conv1dType, Conv2dType, ReLUType, GELUType, TanhType, SigmoidType, SiLUType, SoftmaxType,
    LogSoftmaxType, FlattenType, LeakyReLUType, ELUType, SequentialType, ModuleListType, ModuleDictType, DataParallelType,
    MaxPool1dType, MaxPool2dType, AvgPool1dType, AvgPool2dType, AdaptiveAvgPool1dType, AdaptiveAvgPool2dType, AdaptiveMaxPool1dType, AdaptiveMaxPool2dType,
    GroupNormType, InstanceNorm1dType, InstanceNorm2dType, RMSNormType, RNNType, LSTMType, GRUType, RNNCellType, LSTMCellType, GRUCellType, ParameterListType, ParameterDictType, ConvTranspose1dType, ConvTranspose2dType,
    UpsampleType, UpsamplingNearest2dType, UpsamplingBilinear2dType,
    MultiheadAttentionType, NonDynamicallyQuantizableLinearType, TransformerEncoderLayerType, TransformerEncoderType,
    TransformerDecoderLayerType, TransformerDecoderType, TransformerType,
    ...Object.values(More).filter(isType), ...Object.values(Loss).filter(isType),
  ].map((t) => [t.name, t]),
);

export * from './activation';
export * from './container';
export * from './conv';
export * from './embedding';
export * from './linear';
export * from './norm';
export * from './pooling';
export * from './activation_more';
export * from './loss';
export * from './norm_more';
export * from './rnn';
export * from './rnn_cells';
export * from './transformer_decoder';
export * from './transformer';
export * from './param_containers';
export * from './conv_transpose';
export * from './upsample';
export { installNnKernels, nnKernels, type NnKernels } from './kernels';
