// Completion in the editor: the torch API names the engine supports (so a user discovers them
// while typing) and, inside a string literal, the keys of the module of the selected call —
// exactly the strings an override dict accepts (`'0.weight'`, `'parametrizations.weight.original'`).

import type { CompletionContext, CompletionResult, Completion } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';

const API: [string, string][] = [
  ['torch.tensor', 'function'], ['torch.zeros', 'function'], ['torch.ones', 'function'], ['torch.full', 'function'],
  ['torch.randn', 'function'], ['torch.rand', 'function'], ['torch.arange', 'function'], ['torch.eye', 'function'],
  ['torch.zeros_like', 'function'], ['torch.ones_like', 'function'], ['torch.randn_like', 'function'],
  ['torch.manual_seed', 'function'], ['torch.no_grad', 'function'], ['torch.equal', 'function'], ['torch.allclose', 'function'],
  ['torch.cat', 'function'], ['torch.stack', 'function'], ['torch.matmul', 'function'], ['torch.float32', 'constant'],
  ['torch.float64', 'constant'], ['torch.int64', 'constant'], ['torch.func.functional_call', 'function'],
  ['torch.nn.utils.stateless.functional_call', 'function'],
  ['functional_call', 'function'], ['nn.Module', 'class'], ['nn.Parameter', 'class'], ['nn.Buffer', 'class'],
  ['nn.Linear', 'class'], ['nn.Bilinear', 'class'], ['nn.Conv2d', 'class'], ['nn.Embedding', 'class'],
  ['nn.BatchNorm1d', 'class'], ['nn.BatchNorm2d', 'class'], ['nn.LayerNorm', 'class'], ['nn.Sequential', 'class'],
  ['nn.ModuleList', 'class'], ['nn.ModuleDict', 'class'], ['nn.ReLU', 'class'], ['nn.GELU', 'class'], ['nn.Tanh', 'class'],
  ['nn.Sigmoid', 'class'], ['nn.Identity', 'class'], ['nn.Dropout', 'class'],
  ['F.relu', 'function'], ['F.linear', 'function'], ['F.softmax', 'function'], ['F.mse_loss', 'function'],
  ['parametrize.register_parametrization', 'function'], ['parametrize.remove_parametrizations', 'function'],
  ['parametrizations.orthogonal', 'function'], ['parametrizations.weight_norm', 'function'], ['parametrizations.spectral_norm', 'function'],
  ['register_buffer', 'method'], ['register_parameter', 'method'], ['named_parameters', 'method'], ['named_buffers', 'method'],
  ['state_dict', 'method'], ['load_state_dict', 'method'], ['tie_weights=', 'property'], ['strict=', 'property'],
];

const apiOptions: Completion[] = API.map(([label, type]) => ({ label, type }));

/** A completion source; `keys()` returns the current module's valid keys. */
export function labCompletions(keys: () => string[]) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const node = syntaxTree(ctx.state).resolveInner(ctx.pos, -1);
    if (node.name === 'String') {
      const text = ctx.state.sliceDoc(node.from, ctx.pos);
      const quote = /^[rRbBuUfF]*(['"])/.exec(text);
      if (!quote) return null;
      const from = node.from + quote[0].length;
      return { from, options: keys().map((k) => ({ label: k, type: 'variable', detail: 'state key' })), validFor: /^[\w.]*$/ };
    }
    const word = ctx.matchBefore(/[\w.]+/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    return { from: word.from, options: apiOptions, validFor: /^[\w.]*$/ };
  };
}
