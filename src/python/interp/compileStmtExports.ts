// Re-exports for interp/index.ts (keeps the entry file's imports short).
export { Compiler } from './compileStmt';
export { loadAttr as loadAttrFn } from './compileExpr';
