// Jest setup (jest.config.js `setupFilesAfterEnv`): each suite gets a temporary folder of its own, outside /tmp, for
// `tmpdir()` in its tests (and TMPDIR of the processes they start with this process's environment), removed after the
// suite. An install lists every ancestor of its --dir (src/k3s/manifests-tree.ts, manifestsRootOf), so with the tests'
// folders in a shared /tmp each install listed all of /tmp: on a machine whose /tmp held 57,000 entries that was about
// 50 ms of CPU per install (the kill and fault tests run hundreds) instead of 5. /var/tmp is, like /tmp, a sticky
// folder every user can write to, so what the tests check about such folders holds there too; without a usable one
// the suite keeps the usual folder. (Jest gives a suite a copy of process.env, which `os.tmpdir()` never reads: so
// the shared `os` module's `tmpdir` is replaced for the suite and put back after it.)
import { lstatSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const BASE = '/var/tmp';
const own = (() => {
  try {
    const base = lstatSync(BASE);
    // A real folder, sticky and writable by all, as /tmp is.
    if (!base.isDirectory() || (base.mode & 0o1777) !== 0o1777) return undefined;
    return mkdtempSync(join(BASE, 'k3s-vip-jest-'));
  } catch {
    return undefined;
  }
})();
const osModule = os as unknown as { tmpdir: () => string };
const usual = osModule.tmpdir;
if (own) {
  osModule.tmpdir = () => own;
  process.env.TMPDIR = own;
}

afterAll(() => {
  if (!own) return;
  osModule.tmpdir = usual;
  rmSync(own, { recursive: true, force: true });
});
