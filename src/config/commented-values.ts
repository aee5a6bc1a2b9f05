import type { Document } from 'yaml';
import type { Path, Problem } from '../core/problem';
import { looksGenerated } from '../core/generated-runs';
import { secretValues } from '../core/secrets';
import { isMap, isPair, isScalar, isSeq } from '../core/yaml';
import { atFirstUse } from '../core/lazy-regexp';

/**
 * Values that the comment after them on their line names as a secret (attack 57a-7: `revision: Zq8v… # password`), also
 * with a note after the name (58a-4: `# password (rotate monthly)`, `# <- deploy key passphrase`), and generated-looking
 * values under a comment line that is only a secret's name (58a-4: `# token:` above `revision: Zq8v…`). The YAML
 * reader gives the value without its comment, so the value's own readers see a bare generated run; the line as written,
 * `<value> # <comment>`, is read as the free-text readers read any line (`X # password`, `X is the token`). A comment
 * that holds a secret itself, or a value that is one alone, is left to the readers that judge those.
 */
export function valuesNamedByComments(doc: Document): Problem[] {
  const problems: Problem[] = [];
  const visit = (node: unknown, path: Path, above: string | null | undefined): void => {
    if (isMap(node)) {
      node.items.forEach((pair, i) => {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        // The yaml package keeps the comment above a map's first key on the map, the others on their key.
        visit(pair.value, [...path, String(pair.key.value)], i === 0 ? node.commentBefore : pair.key.commentBefore);
      });
    } else if (isSeq(node))
      node.items.forEach((item, i) =>
        visit(item, [...path, i], i === 0 ? node.commentBefore : (item as { commentBefore?: string }).commentBefore),
      );
    else if (isScalar(node)) {
      const value = String(node.value);
      if (isCommitIdAt(path, value)) return;
      if (node.comment && /^[^\n]+$/.test(node.comment) && namedByComment(value, node.comment))
        problems.push({ path, message: VALUE_NAMED_BY_COMMENT });
      else if (above && namedByLineAbove(value, above)) problems.push({ path, message: MESSAGE_ABOVE });
    }
  };
  visit(doc.contents, [], undefined);
  return problems;
}

/**
 * 79a-7: keys whose value is a commit id where it is hex: the config's `gitops.revision` ("a commit id", README), Argo
 * CD's `targetRevision`, Flux's `spec.ref.commit`. Its shape is fixed by its key, so a comment on the commit (`# release
 * with the new token`) names no secret: only a hex object name is kept, anything else there is read as any value is.
 */
const REVISION_KEY = /^(?:revision|targetRevision|commit|sha|rev)$/;
/** A Git object name: SHA-1's 40 hex digits, SHA-256's 64, or an abbreviation of 7 or more (git rev-parse --short), lower case as Git writes it. */
const COMMIT_ID = /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/;
const isCommitIdAt = (path: Path, value: string): boolean => REVISION_KEY.test(String(path[path.length - 1])) && COMMIT_ID.test(value);

/** Words that may come before a secret's name in a comment (`# <- the deploy key passphrase`): pointers, articles. */
const LEAD = /^(?:\s*(?:<-+|<=|←|\^|=|:|-+>?)\s*)*/;

/** Words that deny what follows (`# no password needed`, `# not the password`): a name up to three words after one names no value. */
// 60a-10: also `isn't`, `unrelated` (read with its apostrophe left out).
const DENIAL = /^(?:no|not|non|without|never|nor|neither|isnt|arent|wasnt|unrelated)$/i;
const denies = (word: string): boolean => DENIAL.test(word.replace(/[^\p{L}]+/gu, ''));
/** A word that ends a clause or a phrase (`logged:`, `rotated;`, `hex,`): a denial's reach stops there. */
const ENDS_PHRASE = /[,;:.!?)]$/;
/** A commit id or checksum, and the words that call a value one (as secret-word-lines.ts reads `commit <hex>`). */
const HEX_VALUE = /^[0-9a-f]{7,128}$/i;
const DIGEST_WORD = atFirstUse(() => /^(?:commit|sha\d*|rev|revision|hash|checksum|digest|fingerprint)[^\p{L}\p{N}]*$/iu);
/** Words after a hex value's name that start a note on it (61-1: `# token for grafana`, `# webhook secret (hex)`). */
const NOTE_START = /^(?:\(|-+$|–|—|for$|of$|used$|to$|from$|in$|on$|at$|is$|was$|rotate)/i;
/** Words after a digest word that make it the comment's subject (`# sha256 of the release`, `# commit that moved …`). */
const DIGEST_LINK = /^(?:of|that|which|for|from|by|when|after|before|in|at|on|to)$/i;
/** Verbs after a secret's name that make it a clause's subject (60a-10: `the password is in Vault`). */
const SUBJECT_VERB = /^(?:is|are|was|were|lives|stays|sits|comes|goes|moved)$/i;
/** `pass` or `pwd` (61a-6) as a whole comment's last word (`# pass`, `# deploy pass:`, `# pwd`): a password's short name; `passes`, `pass through` are verbs. */
const LAST_PASS = atFirstUse(() => /^(?:pass|pwd)[^\p{L}\p{N}]*$/iu);

/**
 * The words a denial reaches (61-1): each denial word and up to three words after it, within its phrase, so
 * `# not a password` and `# no password needed` deny the name, and `# neither cached nor logged: the password` does not.
 */
function deniedWords(words: readonly string[]): boolean[] {
  const denied = words.map(() => false);
  words.forEach((word, i) => {
    if (!denies(word)) return;
    for (let j = i; j < Math.min(words.length, i + 4); j++) {
      denied[j] = true;
      if (ENDS_PHRASE.test(words[j])) break;
    }
  });
  return denied;
}

/**
 * Whether the comment calls the value a digest before its name at `name` (`# sha256 of the release`, `# commit that moved
 * the token`): a digest word with a link word or a phrase's end between it and the name; one that only qualifies the
 * name (61-1: `# sha256 token`, `# sha256 api token`) calls the value that secret.
 */
function calledDigest(words: readonly string[], name: number): boolean {
  const links = (word: string): boolean => DIGEST_LINK.test(word) || ENDS_PHRASE.test(word);
  return words.slice(0, name).some((word, i) => DIGEST_WORD().test(word) && words.slice(i, name).some(links));
}

/**
 * Whether `value` is a secret only as its line reads it with its comment: the comment as a whole, or one to four of its
 * words from any word on (a secret's name followed by a note: `password (rotate monthly)`, `deploy key passphrase, see
 * vault`; 59a-18: before it, more words, `TODO: move this password to a Secret`), unless a denial stands just before
 * (`no password needed`); a last word `pass` is read as `password` (59a-18: `# pass`).
 */
function namedByComment(value: string, comment: string): boolean {
  if (value === '' || /\s/.test(value) || value.length > 512) return false;
  if (secretValues(value).length > 0) return false;
  // A comment that holds a secret by its reading (`# token: openssl rand -hex 16` reads `openssl` as one) names the value
  // by a name alone (61-1), not by the line as a whole or a head that goes on into that reading.
  const secretComment = secretValues(`#${comment}`).length > 0;
  const words = comment.replace(LEAD, '').split(/\s+/).filter(Boolean);
  const denied = deniedWords(words);
  // 60a-10: the whole line is read without the words a denial reaches (`# not a password`, `# isn't the token`; 61-1:
  // only those, `# neither cached nor logged: the password` keeps its name), and not for a hex id (a build id, a W3C
  // trace id, a Helm `checksum/config`), whose comment may speak of a secret as its subject (read below, name by name).
  const hex = HEX_VALUE.test(value);
  const undenied = words.filter((_, i) => !denied[i]).join(' ');
  if (!hex && !secretComment && undenied !== '' && secretValues(`${value} # ${undenied}`).length > 0) return true;
  if (words.length && LAST_PASS().test(words[words.length - 1])) words[words.length - 1] = 'password';
  // Bounded: a line's comment is short, and each start reads at most four words.
  for (let start = 0; start < Math.min(words.length, 32); start++) {
    // A denial up to three words before (`not a password`, `unrelated to the password`) or within (`no password needed`) names no value.
    if (denied[start]) continue;
    const laterClause = words.slice(0, start).some((word) => /[;.]$/.test(word));
    for (let n = 1; n <= Math.min(secretComment ? 1 : 4, words.length - start); n++) {
      if (denied[start + n - 1]) break;
      // A hex id is named by a name the comment ends with (`# deploy token`) or that a note follows (61-1: `# token for
      // grafana`, `# webhook secret (hex)`, `# api token, hex`), not by a name its comment goes on from (`# token refresh
      // trace`, `# changes when the password secret changes`).
      if (hex && start + n < words.length && !ENDS_PHRASE.test(words[start + n - 1]) && !NOTE_START.test(words[start + n])) continue;
      // A hex value the comment calls a digest (`# commit that moved the token to a Secret`) is that digest.
      if (hex && calledDigest(words, start + n - 1)) break;
      if (n > 1 && /[;.]$/.test(words[start + n - 2])) break; // a head is read within its clause
      // A name that is the subject of a later clause (`# public id; the password is in Vault`) speaks of another value.
      if (laterClause && words.slice(start, start + n + 1).some((word) => SUBJECT_VERB.test(word))) break;
      const head = words
        .slice(start, start + n)
        .join(' ')
        .replace(/[^\p{L}\p{N}]+$/u, '');
      if (LAST_PASS().test(words[start + n - 1])) continue; // `pass`/`pwd` name only as the comment's last word (`# pass through`)
      if (head !== '' && secretValues(`${value} # ${head}`).length > 0) return true;
    }
  }
  return false;
}

/**
 * Whether the comment line directly above names the generated-looking value below it (`# token:`, `# password`): only a
 * short name (one to three words, an optional colon), and only a value that looks generated and is no commit id or
 * digest in hex (`revision: 3f2a9b1…` under `# pinned commit:` stays), so branches, versions and examples are kept.
 */
function namedByLineAbove(value: string, above: string): boolean {
  const last = above.split('\n').pop()?.replace(LEAD, '').trim() ?? '';
  if (!/^[\p{L}][\p{L}\p{N}_.-]*(?: [\p{L}\p{N}_.-]+){0,2}:?$/u.test(last)) return false;
  if (value === '' || /\s/.test(value) || value.length > 512 || /^[0-9a-f]+$/i.test(value) || !looksGenerated(value)) return false;
  if (secretValues(value).length > 0) return false;
  const name = last.replace(/:$/, '');
  return secretValues(`${name}: ${value}`).length > 0;
}

export const VALUE_NAMED_BY_COMMENT =
  'holds a value that the comment after it on its line names as a secret (`value # password`), and dist/ is committed ' +
  'to Git, so no secret may be written there: keep it in a Kubernetes Secret and reference it; if the value is no ' +
  'secret, reword the comment';

const MESSAGE_ABOVE =
  'holds a value that the comment line above it names as a secret (`# token:` then the value), and dist/ is committed ' +
  'to Git, so no secret may be written there: keep it in a Kubernetes Secret and reference it; if the value is no ' +
  'secret, reword the comment';
