import { looksGenerated } from './generated-runs';
import { namesSecretValue } from './secrets-keys';

/**
 * Whether `name:value` at `start` of `text` is a name, not a name set to a value (round 56a-7): a container image's
 * repository and tag (`ghcr.io/external-secrets/external-secrets:v0.9.11`, `token-service:1.2`) or a URL's host and
 * port (`http://token-service:8080/verify`). The secret word there is part of an image's or a Service's name.
 *
 * - A host and port: the name follows `//` or `@` (a URL's authority), the value is a port (1 to 5 digits) that ends
 *   the authority (`/`, `?`, `#`, a blank, a quote or the end; never `@`: `//token:1234@host` is a user and password).
 * - An image and tag: the tag is a version (`v0.9.11`, `0.26.0`, `1.2-alpine`) or a common moving tag (`latest`), never
 *   one that looks generated (generated-runs.ts), and ends the word (or an `@sha256:` digest follows). The name follows
 *   a repository path (`registry/owner/`), or is compound and its last word names no secret (`token-service`,
 *   `password-reset`): `password:1.0` without a path stays a value. A reference's grammar: distribution/reference,
 *   reference.go (`name[:tag][@digest]`, a tag `[\w][\w.-]{0,127}`).
 */
export function isImageOrHostName(text: string, start: number, name: string, value: string): boolean {
  const before = text.slice(Math.max(0, start - 256), start);
  if (/(?:\/\/|@)$/.test(before) && PORT.test(value)) return true;
  const tag = TAG.exec(value)?.[1];
  if (tag === undefined || looksGenerated(tag) || !(VERSION.test(tag) || MOVING_TAG.test(tag))) return false;
  if (/[a-z0-9]\/$/i.test(before) && REPOSITORY_PATH.test(before)) return true;
  const words = name.split(/[-_.]/);
  return words.length > 1 && !namesSecretValue(words[words.length - 1]);
}

/** A port that ends a URL's authority. */
const PORT = /^\d{1,5}(?=$|[/?#\s"'`),\]}])/;
/** A tag that ends its word, or a digest follows. */
const TAG = /^(\w[\w.-]{0,127})(?=$|[\s"'`),\]}]|@sha256:)/;
/** A version tag: digits first, maybe after `v` (`v0.9.11`, `0.26.0-debian-12-r1`, `1.2-alpine`). */
const VERSION = /^v?\d+(?:[.+_-]\w+)*$/i;
/** Tags that name a channel, not a version. */
const MOVING_TAG = /^(?:latest|stable|edge|main|master|nightly|dev|canary|alpine|slim)$/;
/** A repository path before the name: lower-case path segments (and a registry host, maybe with a port). */
const REPOSITORY_PATH = /(?:^|[\s=:"'`([{,])(?:[a-z0-9.-]+(?::\d{1,5})?\/)(?:[a-z0-9._-]+\/)*$/;
