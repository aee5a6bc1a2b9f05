import { readManifestText } from './manifest-text';

/**
 * The longest text read strictly for its objects (objectsOfCleanText): text is read so only where its lines set a
 * secret, and a longer one is judged by its lines, as before (a stricter reading: each key line alone). A strict
 * read of 250 kB of YAML took 1.7 s; of 64 KiB, about 0.4 s (the last few are remembered, as text-data.ts does).
 */
const MAX_CLEAN_TEXT = 64 * 1024;
const REMEMBERED_LENGTH = 4096;
const remembered = new Map<string, unknown[] | undefined>();

/**
 * The mappings and lists a multi-line text holds where it reads cleanly as YAML (manifest-text.ts: no error, no key
 * written twice, no merge key, no tag): one object each of its documents, none of them a scalar. Such text is judged
 * as those objects (and its comments), as the same objects given as data are (attack round 42a-12: a Middleware's
 * `basicAuth.secret`, an ExternalSecret's `secretKey`, a volume's `secret: {secretName: x}`, compose's `secrets:`
 * definitions, refused in text and accepted as data); undefined where it does not (a script, an INI file, a scalar).
 */
export function objectsOfCleanText(text: string): unknown[] | undefined {
  if (text.length > MAX_CLEAN_TEXT) return undefined;
  if (text.length < REMEMBERED_LENGTH) return cleanObjects(text);
  if (!remembered.has(text)) {
    if (remembered.size === 4) remembered.delete(remembered.keys().next().value!);
    remembered.set(text, cleanObjects(text));
  }
  return remembered.get(text);
}

function cleanObjects(text: string): unknown[] | undefined {
  const { documents, unjudgeable } = readManifestText(text);
  if (unjudgeable || documents.length === 0) return undefined;
  return documents.every((doc) => doc !== null && typeof doc === 'object') ? documents : undefined;
}
