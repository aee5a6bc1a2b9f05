import type { Path, Problem } from './problem';

/**
 * Where a redacted problem stands: its key path as written, before the redaction blanked keys of it
 * (`podAnnotations.<redacted>`). Kept beside the problem object, never in it, so no message or spread copy
 * can carry the secret a key holds; only the config loader reads it, to give the line and column (57a-12).
 */
const places = new WeakMap<Problem, Path>();
/** Problems about their key's own name (Problem.aboutName, a mark the redaction step drops): they stand at the key. */
const atKeys = new WeakSet<Problem>();

/** `shown`, remembered as standing at `written` when a redaction changed its path, and at the key when `aboutKey`. */
export function placedAt<P extends Problem>(shown: P, written: Path, aboutKey?: boolean): P {
  if (written.some((key, i) => key !== shown.path[i])) places.set(shown, written);
  if (aboutKey) atKeys.add(shown);
  return shown;
}

/** Whether `problem` is about its key's name, so stands at the key rather than its value. */
export const standsAtKey = (problem: Problem): boolean => atKeys.has(problem);

/** The key path `problem` stands at as written, when a redaction blanked it; else undefined. */
export const writtenPlace = (problem: Problem): Path | undefined => places.get(problem);
