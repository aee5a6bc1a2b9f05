import { loadAll, YAMLException } from 'js-yaml';

/** A YAML stream read as data: every document, or why js-yaml could not read it. */
export type YamlStream = { readonly documents: readonly unknown[] } | { readonly error: YAMLException };

/**
 * Reads each output file once for the two checks that read it as data, the secret gate
 * (secret-gate.ts) and the conformance check (validate/conformance.ts): `streams(path, text)` parses
 * with js-yaml (YAML 1.2 core schema) the first time and gives back the same documents after, as long
 * as the text is the same. Neither check changes what it reads.
 */
export type YamlStreams = (path: string, text: string) => YamlStream;

export function yamlStreams(): YamlStreams {
  const read = new Map<string, { text: string; stream: YamlStream }>();
  return (path, text) => {
    const known = read.get(path);
    if (known?.text === text) return known.stream;
    const stream = readStream(text);
    read.set(path, { text, stream });
    return stream;
  };
}

function readStream(text: string): YamlStream {
  try {
    return { documents: loadAll(text) };
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    return { error: e };
  }
}
