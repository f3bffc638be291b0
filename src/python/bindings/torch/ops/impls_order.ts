// Impls of the ordering ops: sorting and selection (sort, argsort, msort, topk, kthvalue, median,
// nanmedian, mode, quantile), running extremes (cummax, cummin, logcumsumexp), searching and
// counting (searchsorted, bucketize, bincount, histc, isin). The engine does the work; an Impl only
// reads PyTorch's parsed arguments and wraps two-tensor results in their torch.return_types
// named tuple. Installed into IMPLS when bind.ts imports this file.

import { PyError } from '../../../../errors';
import type { ParsedArgs } from '../argparse/parse';
import * as E from '../tensor/engine';
import type { Tensor } from '../tensor/engine';
import { IMPLS, type Impl } from './impls';
import { returnTuple } from './returntypes';

const def = (names: string, f: Impl): void => {
  for (const n of names.split(' ')) IMPLS[n] = f;
};
const vi = (name: string, r: { values: Tensor; indices: Tensor }) => returnTuple(name, [r.values, r.indices]);
/** `stable` is keyword-only and optional (`bool? stable`) in one overload, absent in the other. */
const stable = (a: ParsedArgs): boolean => a.hasParam('stable') && a.has('stable') && a.raw('stable') !== null && a.bool('stable');

def('sort', (t, a) => vi('sort', E.sort(t, a.int('dim'), a.bool('descending'), stable(a))));
def('argsort', (t, a) => E.argsort(t, a.int('dim'), a.bool('descending'), stable(a)));
def('msort', (t) => E.msort(t));
def('topk', (t, a) => vi('topk', E.topk(t, a.int('k'), a.int('dim'), a.bool('largest'), a.bool('sorted'))));
def('kthvalue', (t, a) => vi('kthvalue', E.kthvalue(t, a.int('k'), a.int('dim'), a.bool('keepdim'))));
def('median', (t, a) => (a.hasParam('dim') ? vi('median', E.medianDimOf(t, a.int('dim'), a.bool('keepdim'))) : E.median(t)));
def('nanmedian', (t, a) => (a.hasParam('dim') ? vi('nanmedian', E.nanmedianDim(t, a.int('dim'), a.bool('keepdim'))) : E.nanmedian(t)));
def('mode', (t, a) => vi('mode', E.mode(t, a.int('dim'), a.bool('keepdim'))));
for (const [name, f] of [['quantile', E.quantile], ['nanquantile', E.nanquantile]] as const) {
  def(name, (t, a) => {
    const q = a.raw('q') instanceof E.Tensor ? a.tensor('q') : a.double('q');
    return f(t, q, a.optInt('dim'), a.bool('keepdim'), a.string('interpolation') as E.QuantileInterpolation);
  });
}
def('cummax', (t, a) => vi('cummax', E.cummax(t, a.int('dim'))));
def('cummin', (t, a) => vi('cummin', E.cummin(t, a.int('dim'))));
def('logcumsumexp', (t, a) => E.logcumsumexp(t, a.int('dim')));

def('searchsorted', (_t, a) => {
  const side = a.optString('side');
  if (side !== null && side !== 'left' && side !== 'right') {
    throw new PyError('RuntimeError', `torch.searchsorted(): side can only be 'left' or 'right' but got ${side}`);
  }
  const values = a.raw('input') !== undefined ? a.tensor('input') : a.scalar('self');
  return E.searchsorted(a.tensor('sorted_sequence'), values, {
    outInt32: a.bool('out_int32'),
    right: a.bool('right'),
    side: (a.optString('side') as 'left' | 'right' | null) ?? null,
    sorter: a.optTensor('sorter'),
  });
});
def('bucketize', (_t, a) => {
  const input = a.hasParam('input') ? a.tensor('input') : a.scalar('self');
  return E.bucketize(input, a.tensor('boundaries'), a.bool('out_int32'), a.bool('right'));
});
def('bincount', (t, a) => E.bincount(t, a.optTensor('weights'), a.int('minlength')));
def('histc', (t, a) => E.histc(t, a.int('bins'), E.scalarToNumber(a.scalar('min')), E.scalarToNumber(a.scalar('max'))));
def('isin', (_t, a) => {
  const elements = a.hasParam('elements') ? a.tensor('elements') : a.scalar('element');
  const test = a.hasParam('test_elements') ? a.tensor('test_elements') : a.scalar('test_element');
  return E.isin(elements, test, a.bool('invert'));
});
