/**
 * A regular expression built at its first use, not when its module loads: V8 parses a pattern when it makes the
 * object, and a `\p{…}` class costs it about 0.3 M instructions to build, while most synths read no text that needs
 * one (bench76b). The same object each call, so a sticky or global one keeps its `lastIndex` as a constant would.
 */
export function atFirstUse(build: () => RegExp): () => RegExp {
  let built: RegExp | undefined;
  return () => (built ??= build());
}
