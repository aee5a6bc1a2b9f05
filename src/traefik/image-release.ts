import type { Version } from '../semver';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;

/**
 * The Traefik release `image.tag` names, the one the pod runs, as the chart reads it (templates/_helpers.tpl `traefik.proxyVersion`, v39-v41;
 * `imageVersion` before): the digest cut off, `latest-` and `experimental-` prefixes dropped, missing minor or patch
 * read as 0; `no release` for a tag that names none. Undefined when the image is another than Traefik's (Traefik Hub,
 * `oci_meta`, Azure images) or no tag names a release. `versionOverride` does not change it (81b-4): it changes only
 * the version the chart's templates believe (templateRelease), the pod still runs `image.tag`.
 */
export function imageRelease(values: Readonly<Values>): Version | 'no release' | undefined {
  const image = isMap(values.image) ? values.image : {};
  const elsewhere = [
    ['hub', 'token'],
    ['hub', 'enabled'],
    ['oci_meta', 'enabled'],
    ['global', 'azure', 'enabled'],
  ].some((path) => !!valueAt(values, path));
  return elsewhere || typeof image.tag !== 'string' ? undefined : releaseOf(image.tag);
}

/**
 * The Traefik release the chart's templates render for: `versionOverride` when set (`traefik.proxyVersion`:
 * `if .Values.versionOverride` returns it before reading the tag, v28+), else `image.tag`'s (imageRelease).
 */
export function templateRelease(values: Readonly<Values>): Version | 'no release' | undefined {
  const override = values.versionOverride;
  if (!override) return imageRelease(values);
  return typeof override === 'string' ? releaseOf(override) : undefined;
}

/** The release the chart makes of a tag text, `no release` for one that names none, undefined for `master` or empty. */
function releaseOf(text: string): Version | 'no release' | undefined {
  const tag = chartVersionText(text);
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-|$)/.exec(tag);
  // `master` is read as the chart's own release (v28.1.0+); from v28.0.0 the version check fails on any other text:
  // sprig's semverCompare returns Masterminds/semver's parse error (Masterminds/sprig semver.go), and from v39.0.5
  // the helper fails "version %q is not supported" itself.
  if (!match) return tag.includes('master') || tag === '' ? undefined : 'no release';
  const [major, minor, patch] = [match[1], match[2] ?? '0', match[3] ?? '0'].map(Number);
  return { major, minor, patch, tag: `v${major}.${minor}.${patch}` };
}

const valueAt = (values: Readonly<Values>, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), values);

/** The text the chart makes of a tag (`traefik.proxyVersion`): the digest cut off, `latest-` and `experimental-` dropped. */
export const chartVersionText = (tag: string): string => tag.split('@')[0].replace('latest-', '').replace('experimental-', '');
