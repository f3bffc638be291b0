// Placeholder; replaced below.
import type { Module } from '../ast';
export function checkModule(_m: Module): void {}
