// lint-as: renderer/screens/lint-fixture.tsx
// expect: no-restricted-imports 不引用 Node 内置模块
import { readFileSync } from 'node:fs';

export const read = readFileSync;
