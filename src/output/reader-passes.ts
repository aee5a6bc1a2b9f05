import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cacheDir } from './cache-folder';
import { codeFingerprint, NO_MEMO, PassMemo, passMemo } from './pass-memo';

let fingerprint: string | null | undefined;

/**
 * A digest of core/'s modules as they run: the secret readers and everything they import (none imports a module
 * outside core/), so every judgement of theirs depends on a text and this alone. Undefined when a module cannot be
 * read: no memo then. Computed once a run, for the gate's memo and the readers' own.
 */
export function readerCodeFingerprint(): string | undefined {
  if (fingerprint === undefined) {
    try {
      fingerprint = codeFingerprint(join(__dirname, '..', 'core'));
    } catch {
      fingerprint = null;
    }
  }
  return fingerprint ?? undefined;
}

/**
 * The texts the secret readers passed in earlier synths (core/secrets-memo.ts judgedOnceAcrossRuns), for synth to set
 * with useEarlierPasses and to save only when it completes: a run refused for any reason (a secret under a key named
 * like one is a pass of the readers, and a refusal of the run) keeps none of its texts, so no digest of a refused
 * value is kept. Digests only, never a text; 2,000 at most (about 130 kB), so reading them stays under a millisecond.
 */
export function earlierReaderPasses(): PassMemo {
  const code = readerCodeFingerprint();
  if (!code) return NO_MEMO;
  return passMemo(cacheDir(), 'reader-passes', createHash('sha256').update('reader-passes-1\0').update(code).digest('hex'), 2_000);
}
