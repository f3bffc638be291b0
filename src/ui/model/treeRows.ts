// The module tree as rows: a ModuleSnapshot flattened (d3-hierarchy) into the list the tree view
// draws and virtualizes — modules, parameters, buffers, parametrized tensors with their chain and
// originals, shared-submodule references — each leaf carrying the exact key functional_call uses
// for it. Tie links are derived here too: every group of names that hold one tensor object.

import { hierarchy } from 'd3-hierarchy';
import type { ModuleNode, ModuleRef, RunReport, TensorRef } from '../../run/report';

export type RowKind = 'module' | 'param' | 'buffer' | 'parametrized' | 'original' | 'ref';

export interface TreeRow {
  /** Unique in the tree: `m:<path>` for modules, `k:<key>` for leaves, `p:<key>` for parametrized. */
  id: string;
  depth: number;
  kind: RowKind;
  name: string;
  /** The functional_call key of a leaf (`enc.weight`, `parametrizations.weight.original`). */
  key: string | null;
  /** Module path ('' = root). */
  path: string;
  className?: string;
  /** A module's `extra_repr()` on one line (`in_features=3, out_features=2, bias=True`). */
  extra?: string;
  tensor: TensorRef | null;
  persistent?: boolean;
  /** `original → P0 → … → name` for a parametrized tensor. */
  chain?: string[];
  /** For a shared submodule seen earlier: where it first appeared. */
  refPath?: string;
  hasChildren: boolean;
  collapsed: boolean;
}

interface Item {
  row: Omit<TreeRow, 'depth' | 'hasChildren' | 'collapsed'>;
  children: Item[];
}

const join = (prefix: string, name: string): string => (prefix ? `${prefix}.${name}` : name);

function moduleItem(node: ModuleNode, rootName: string): Item {
  const kids: Item[] = [];
  const p = node.path;
  for (const pr of node.parametrizations) {
    const key = join(p, pr.name);
    kids.push({
      row: { id: `p:${key}`, kind: 'parametrized', name: pr.name, key, path: p, tensor: null, chain: pr.chain },
      children: pr.originals.map((o) => {
        const okey = join(p, `parametrizations.${pr.name}.${o.name}`);
        return { row: { id: `k:${okey}`, kind: 'original' as const, name: o.name, key: okey, path: p, tensor: o.tensor }, children: [] };
      }),
    });
  }
  for (const x of node.params) {
    const key = join(p, x.name);
    kids.push({ row: { id: `k:${key}`, kind: 'param', name: x.name, key, path: p, tensor: x.tensor }, children: [] });
  }
  for (const x of node.buffers) {
    const key = join(p, x.name);
    kids.push({ row: { id: `k:${key}`, kind: 'buffer', name: x.name, key, path: p, tensor: x.tensor, persistent: x.persistent }, children: [] });
  }
  for (const c of node.children) {
    // The `parametrizations` container is drawn as the chains above, not as a module of its own.
    if (!('ref' in c) && c.name === 'parametrizations' && node.parametrizations.length > 0) continue;
    kids.push('ref' in c ? refItem(c) : moduleItem(c, rootName));
  }
  return {
    row: { id: `m:${p}`, kind: 'module', name: p === '' ? rootName : node.name, key: null, path: p, className: node.className, extra: node.extraRepr, tensor: null },
    children: kids,
  };
}

function refItem(r: ModuleRef): Item {
  return { row: { id: `r:${r.path}:${r.name}`, kind: 'ref', name: r.name, key: null, path: r.path, tensor: null, refPath: r.path }, children: [] };
}

/** Every row of the tree, collapsed branches included (for key lists and search). */
export function allRows(root: ModuleNode, rootName: string): TreeRow[] {
  return visibleRows(root, rootName, {});
}

/** The rows to draw, in order, skipping the insides of collapsed modules. */
export function visibleRows(root: ModuleNode, rootName: string, collapsed: Record<string, true>): TreeRow[] {
  const h = hierarchy<Item>(moduleItem(root, rootName), (d) => d.children);
  const out: TreeRow[] = [];
  const visit = (n: typeof h): void => {
    const isCollapsed = !!collapsed[n.data.row.id];
    out.push({ ...n.data.row, depth: n.depth, hasChildren: !!n.children?.length, collapsed: isCollapsed });
    if (!isCollapsed) for (const c of n.children ?? []) visit(c);
  };
  visit(h);
  return out;
}

/** Every key functional_call accepts for this module, in tree order. */
export function validKeys(root: ModuleNode): string[] {
  return allRows(root, '').filter((r) => r.key !== null && r.kind !== 'parametrized').map((r) => r.key!)
    .concat(allRows(root, '').filter((r) => r.kind === 'parametrized').map((r) => r.key!));
}

/** Groups of row ids whose tensors are one object (size ≥ 2), for the tie links. */
export function tieLinks(rows: readonly TreeRow[], report: RunReport): string[][] {
  const byTensor = new Map<number, string[]>();
  for (const r of rows) {
    if (!r.tensor || r.kind === 'module') continue;
    const t = report.tensors[r.tensor];
    if (!t) continue;
    const g = byTensor.get(t.id) ?? [];
    g.push(r.id);
    byTensor.set(t.id, g);
  }
  return [...byTensor.values()].filter((g) => g.length >= 2);
}
