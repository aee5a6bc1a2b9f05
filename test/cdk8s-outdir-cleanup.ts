// Jest setup (jest.config.js `setupFilesAfterEnv`): cdk8s' `Testing.app()` makes a fresh
// `$TMPDIR/cdk8s.outdir.*` folder for every app and never removes it, so each run of the suite left
// thousands behind. The folders this worker made are removed after each test file.
import fs from 'node:fs';
import { basename } from 'node:path';

const RECORDED = Symbol.for('k3s-vip.cdk8s-outdirs');
const fsModule = fs as unknown as Record<string | symbol, unknown>;
if (!fsModule[RECORDED]) {
  const made: string[] = [];
  fsModule[RECORDED] = made;
  const original = fs.mkdtempSync;
  fsModule.mkdtempSync = Object.assign(function recorded(this: unknown, ...args: Parameters<typeof fs.mkdtempSync>) {
    const dir = original.apply(this, args);
    if (typeof dir === 'string' && basename(dir).startsWith('cdk8s.outdir.')) made.push(dir);
    return dir;
  }, original);
}

afterAll(() => {
  const made = fsModule[RECORDED] as string[];
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
