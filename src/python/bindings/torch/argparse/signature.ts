// PyTorch's binding signatures, parsed exactly as torch/csrc/utils/python_arg_parser.cpp parses
// them. Every torch function and Tensor method is declared by the strings PyTorch itself compiles
// into libtorch_python.so (e.g. `add(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None)`,
// `|deprecated` / `|hidden` suffixes included), so argument matching, the order overloads are
// tried in, and every TypeError text follow from the same data PyTorch uses. This file is only the
// data model (FunctionSignature / FunctionParameter, toString); matching lives in parse.ts and the
// "invalid combination" message in invalid.ts.

/** FunctionParameter::type_ (python_arg_parser.h). */
export type ParamType =
  | 'TENSOR' | 'SCALAR' | 'INT64' | 'SYM_INT' | 'DOUBLE' | 'COMPLEX' | 'TENSOR_LIST' | 'INT_LIST'
  | 'SYM_INT_LIST' | 'FLOAT_LIST' | 'GENERATOR' | 'BOOL' | 'STORAGE' | 'PYOBJECT' | 'SCALARTYPE'
  | 'LAYOUT' | 'MEMORY_FORMAT' | 'QSCHEME' | 'DEVICE' | 'STREAM' | 'STRING' | 'DIMNAME'
  | 'DIMNAME_LIST' | 'SCALAR_LIST' | 'DISPATCH_KEY_SET';

/** python_arg_parser.cpp's type_map: the C++ type spelling in a signature → parameter type. */
const TYPE_MAP: Record<string, ParamType> = {
  Tensor: 'TENSOR',
  Scalar: 'SCALAR',
  int64_t: 'INT64',
  SymInt: 'SYM_INT',
  double: 'DOUBLE',
  complex: 'COMPLEX',
  TensorList: 'TENSOR_LIST',
  'c10::List<::std::optional<Tensor>>': 'TENSOR_LIST',
  IntArrayRef: 'INT_LIST',
  SymIntArrayRef: 'SYM_INT_LIST',
  'ArrayRef<double>': 'FLOAT_LIST',
  Generator: 'GENERATOR',
  bool: 'BOOL',
  Storage: 'STORAGE',
  'PyObject*': 'PYOBJECT',
  ScalarType: 'SCALARTYPE',
  Layout: 'LAYOUT',
  MemoryFormat: 'MEMORY_FORMAT',
  QScheme: 'QSCHEME',
  Device: 'DEVICE',
  DeviceIndex: 'INT64',
  Stream: 'STREAM',
  'std::string': 'STRING',
  'c10::string_view': 'STRING',
  Dimname: 'DIMNAME',
  DimnameList: 'DIMNAME_LIST',
  ScalarList: 'SCALAR_LIST',
  DispatchKeySet: 'DISPATCH_KEY_SET',
};

/** FunctionParameter::type_name(): how a parameter's type reads in error messages. */
export function typeName(t: ParamType): string {
  switch (t) {
    case 'TENSOR': return 'Tensor';
    case 'SCALAR': return 'Number';
    case 'INT64': case 'SYM_INT': return 'int';
    case 'DOUBLE': return 'float';
    case 'COMPLEX': return 'complex';
    case 'TENSOR_LIST': return 'tuple of Tensors';
    case 'INT_LIST': case 'SYM_INT_LIST': return 'tuple of ints';
    case 'FLOAT_LIST': return 'tuple of floats';
    case 'GENERATOR': return 'torch.Generator';
    case 'BOOL': return 'bool';
    case 'STORAGE': return 'torch.Storage';
    case 'PYOBJECT': return 'object';
    case 'SCALARTYPE': return 'torch.dtype';
    case 'LAYOUT': return 'torch.layout';
    case 'MEMORY_FORMAT': return 'torch.memory_format';
    case 'QSCHEME': return 'torch.qscheme';
    case 'DEVICE': return 'torch.device';
    case 'STREAM': return 'torch.Stream';
    case 'STRING': return 'str';
    case 'DIMNAME': return 'name';
    case 'DIMNAME_LIST': return 'tuple of names';
    case 'SCALAR_LIST': return 'tuple of Scalars';
    case 'DISPATCH_KEY_SET': return 'torch.DispatchKeySet';
  }
}

/** Functions whose Tensor parameters also accept Python numbers: should_allow_numbers_as_tensors in
 * torch/csrc/utils/python_arg_parser.cpp (PyTorch 2.6), exactly — any other op given a number
 * where only a Tensor fits fails with "argument 'other' (position 2) must be Tensor, not int". */
const NUMBERS_AS_TENSORS = new Set([
  'add', 'add_', 'add_out', 'div', 'div_', 'div_out', 'divide', 'divide_', 'divide_out', 'mul', 'mul_',
  'mul_out', 'multiply', 'multiply_', 'multiply_out', 'sub', 'sub_', 'sub_out', 'subtract', 'subtract_',
  'subtract_out', 'true_divide', 'true_divide_', 'true_divide_out', 'to', '_to_copy', 'copy_',
  'floor_divide', 'floor_divide_', 'floor_divide_out', '_conj',
]);

export class FunctionParameter {
  readonly type: ParamType;
  readonly name: string;
  /** Has a default (`x=...`): may be omitted. */
  readonly optional: boolean;
  /** `T?` or default None: an explicit None is accepted (and means "not given"). */
  readonly allowNone: boolean;
  /** `IntArrayRef[2]`: the bracketed size (0 when absent); a single int then broadcasts. */
  readonly size: number;
  /** The default exactly as written in the signature (`1`, `False`, `None`, `"mean"`). */
  readonly defaultStr: string | null;
  allowNumbersAsTensors = false;
  /** numpy-compatible aliases accepted as keywords (dim → axis, keepdim → keepdims, ...). */
  readonly aliases: readonly string[];

  constructor(
    fmt: string,
    readonly keywordOnly: boolean,
  ) {
    const space = fmt.indexOf(' ');
    let typeStr = fmt.slice(0, space);
    let allowNone = false;
    const q = typeStr.indexOf('?');
    if (q >= 0) {
      allowNone = true;
      typeStr = typeStr.slice(0, q);
    }
    let size = 0;
    const br = typeStr.indexOf('[');
    if (br >= 0) {
      size = parseInt(typeStr.slice(br + 1, typeStr.length - 1), 10) || 0;
      typeStr = typeStr.slice(0, br);
    }
    const t = TYPE_MAP[typeStr];
    if (t === undefined) throw new Error(`unknown signature type ${typeStr} in "${fmt}"`);
    this.type = t;
    this.size = size;
    const nameStr = fmt.slice(space + 1);
    const eq = nameStr.indexOf('=');
    if (eq >= 0) {
      this.name = nameStr.slice(0, eq);
      this.optional = true;
      this.defaultStr = nameStr.slice(eq + 1);
      if (this.defaultStr === 'None') allowNone = true;
    } else {
      this.name = nameStr;
      this.optional = false;
      this.defaultStr = null;
    }
    this.allowNone = allowNone;
    this.aliases = NUMPY_NAMES[this.name] ?? [];
  }

  typeName(): string {
    return typeName(this.type);
  }
}

const NUMPY_NAMES: Record<string, readonly string[]> = {
  dim: ['axis'],
  keepdim: ['keepdims'],
  input: ['x', 'a', 'x1'],
  other: ['x2'],
};

export class FunctionSignature {
  readonly name: string;
  readonly params: FunctionParameter[] = [];
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly maxPosArgs: number;
  readonly hidden: boolean;
  readonly deprecated: boolean;

  constructor(
    readonly fmt: string,
    /** Position among its parser's signatures (which overload matched). */
    readonly index: number,
  ) {
    const open = fmt.indexOf('(');
    this.name = fmt.slice(0, open);
    const allowNumbers = NUMBERS_AS_TENSORS.has(this.name);
    const close = fmt.lastIndexOf(')');
    const inner = fmt.slice(open + 1, close);
    let kwOnly = false;
    if (inner !== '') {
      for (const p of inner.split(', ')) {
        if (p === '*') {
          kwOnly = true;
          continue;
        }
        const fp = new FunctionParameter(p, kwOnly);
        fp.allowNumbersAsTensors = allowNumbers;
        this.params.push(fp);
      }
    }
    const suffix = fmt.slice(close + 1);
    this.deprecated = suffix === '|deprecated';
    this.hidden = this.deprecated || suffix === '|hidden';
    this.maxArgs = this.params.length;
    this.minArgs = this.params.filter((p) => !p.optional).length;
    this.maxPosArgs = this.params.filter((p) => !p.keywordOnly).length;
  }

  /** FunctionSignature::toString: `(Tensor input, *, Number alpha = 1)` as messages show it. */
  toString(): string {
    let s = '(';
    let kw = false;
    this.params.forEach((p, i) => {
      if (i !== 0) s += ', ';
      if (p.keywordOnly && !kw) {
        s += '*, ';
        kw = true;
      }
      s += `${p.typeName()} ${p.name}`;
      if (p.optional) s += ` = ${p.defaultStr}`;
    });
    return s + ')';
  }
}
