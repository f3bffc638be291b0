// grad_fn objects: the Python face of the engine's GradNode records. Each node name gets its own
// class (`type(t.grad_fn).__name__ == 'AddBackward0'`, module `builtins`, as in PyTorch) and each
// node one stable object, so `t.grad_fn is t.grad_fn`. They print as `<AddBackward0 object at 0x…>`
// and expose name(), next_functions, metadata and (AccumulateGrad) variable.

import type { GradNode } from '../../../../tensor';
import { type PyType, type PyValue, PyBuiltinFunction, PyDict, PyObject, PyTuple, makeType, nativeProperty } from '../../../object';

const classes = new Map<string, PyType>();
const objects = new WeakMap<GradNode, NodeObject>();

export class NodeObject extends PyObject {
  constructor(
    cls: PyType,
    readonly node: GradNode,
  ) {
    super(cls, null);
  }
}

function nodeClass(name: string): PyType {
  let t = classes.get(name);
  if (t) return t;
  t = makeType(name, [], 'builtins');
  const d = t.dict!;
  d.set('name', new PyBuiltinFunction('name', (a) => (a[0] as NodeObject).node.pyName, `${name}.name`));
  d.set('next_functions', nativeProperty('next_functions', (v) =>
    new PyTuple((v as NodeObject).node.next.map((e) => new PyTuple([e === null ? null : nodeObject(e.node), e === null ? 0 : e.inputNr]))),
  ));
  d.set('metadata', nativeProperty('metadata', (v) => {
    const n = (v as NodeObject).node as GradNode & { pyMetadata?: PyDict };
    return (n.pyMetadata ??= new PyDict());
  }));
  if (name === 'AccumulateGrad') d.set('variable', nativeProperty('variable', (v) => (v as NodeObject).node.variable));
  classes.set(name, t);
  return t;
}

/** The one Python object standing for a node. */
export function nodeObject(n: GradNode): NodeObject {
  let o = objects.get(n);
  if (!o) objects.set(n, (o = new NodeObject(nodeClass(n.pyName), n)));
  return o;
}

export const gradFnOf = (n: GradNode | null): PyValue => (n === null ? null : nodeObject(n));
