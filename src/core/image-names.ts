import { looksGenerated } from './generated-runs';
import { namesSecretValue } from './secrets-keys';

/**
 * Whether `name:value` at `start` of `text` is a name, not a name set to a value (round 56a-7): a container image's
 * repository and tag (`ghcr.io/external-secrets/external-secrets:v0.9.11`, `token-service:1.2`) or a URL's host and
 * port (`http://token-service:8080/verify`). The secret word there is part of an image's or a Service's name.
 *
 * - A host and port: the name follows `//` or `@` (a URL's authority), the value is a port (1 to 5 digits) that ends
 *   the authority (`/`, `?`, `#`, `;`, a blank, a quote or the end; never `@`: `//token:1234@host` is a user and password).
 * - A bare host and port (57a-10: nginx's `server token-service:8080;`, an env `REDIS_ADDR=redis-password:6379`): the
 *   name starts a word, is a lower-case DNS name of two pieces or more (`token-service`, `vault-token.vault.svc`), and
 *   the value is a port, 1 to 65535 without a leading zero, ending the word. `password:8080` (one piece) stays a value.
 * - An image and tag: the tag is a version (`v0.9.11`, `0.26.0`, `1.2-alpine`) or a common moving tag (`latest`), never
 *   one that looks generated (generated-runs.ts), and ends the word (or an `@sha256:` digest follows). The name follows
 *   a repository path (`registry/owner/`), or is compound and its last word names no secret (`token-service`,
 *   `password-reset`): `password:1.0` without a path stays a value. A reference's grammar: distribution/reference,
 *   reference.go (`name[:tag][@digest]`, a tag `[\w][\w.-]{0,127}`).
 */
export function isImageOrHostName(text: string, start: number, name: string, value: string): boolean {
  const before = text.slice(Math.max(0, start - 256), start);
  if (/(?:\/\/|@)$/.test(before) && PORT.test(value)) return true;
  if (isBareHostPort(before, name, value)) return true;
  const tag = TAG.exec(value)?.[1];
  if (tag === undefined || looksGenerated(tag) || !(VERSION.test(tag) || MOVING_TAG.test(tag))) return false;
  if (/[a-z0-9]\/$/i.test(before) && REPOSITORY_PATH.test(before)) return true;
  const words = name.split(/[-_.]/);
  return words.length > 1 && !namesSecretValue(words[words.length - 1]);
}

/** A port that ends a URL's authority (nginx ends its directive with `;`: `proxy_pass http://token-service:8080;`). */
const PORT = /^\d{1,5}(?=$|[/?#;\s"'`),\]}])/;
/** A port of a bare `host:port` word: 1 to 65535, no leading zero, ending the word (or a directive's `;`, a list's `,`). */
const BARE_PORT = /^([1-9]\d{0,4})(?=$|[;\s"'`),\]}])/;
/** A lower-case DNS name (RFC 1123 labels) of two pieces or more, joined by `-` or `.`. */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** A word start before a bare name: the text's start, a blank, a quote, `=` (an env line's value) or a bracket. */
const WORD_START = /(?:^|[\s"'`=([{,])$/;

function isBareHostPort(before: string, name: string, value: string): boolean {
  const port = BARE_PORT.exec(value)?.[1];
  return port !== undefined && Number(port) <= 65535 && WORD_START.test(before) && DNS_NAME.test(name) && /[-.]/.test(name);
}
/** A tag that ends its word, or a digest follows. */
const TAG = /^(\w[\w.-]{0,127})(?=$|[\s"'`),\]}]|@sha256:)/;
/** A version tag: digits first, maybe after `v` (`v0.9.11`, `0.26.0-debian-12-r1`, `1.2-alpine`). */
const VERSION = /^v?\d+(?:[.+_-]\w+)*$/i;
/** Tags that name a channel, not a version. */
const MOVING_TAG = /^(?:latest|stable|edge|main|master|nightly|dev|canary|alpine|slim)$/;
/** A repository path before the name: lower-case path segments (and a registry host, maybe with a port). */
const REPOSITORY_PATH = /(?:^|[\s=:"'`([{,])(?:[a-z0-9.-]+(?::\d{1,5})?\/)(?:[a-z0-9._-]+\/)*$/;
