import type { Version } from '../semver';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;

/**
 * The Traefik release `image.tag` names, as the chart reads it (templates/_helpers.tpl `traefik.proxyVersion`, v39-v41;
 * `imageVersion` before): the digest cut off, `latest-` and `experimental-` prefixes dropped, missing minor or patch
 * read as 0; `no release` for a tag that names none. Undefined when the chart reads the version elsewhere (`versionOverride`, Traefik Hub, `oci_meta`, Azure
 * images) or the tag names no release.
 */
export function imageRelease(values: Readonly<Values>): Version | 'no release' | undefined {
  const image = isMap(values.image) ? values.image : {};
  const elsewhere = [
    ['versionOverride'],
    ['hub', 'token'],
    ['hub', 'enabled'],
    ['oci_meta', 'enabled'],
    ['global', 'azure', 'enabled'],
  ].some((path) => !!path.reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), values));
  if (elsewhere || typeof image.tag !== 'string') return undefined;
  const tag = chartVersionText(image.tag);
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-|$)/.exec(tag);
  // `master` is read as the chart's own release (v28.1.0+); from v28.0.0 the version check fails on any other text:
  // sprig's semverCompare returns Masterminds/semver's parse error (Masterminds/sprig semver.go), and from v39.0.5
  // the helper fails "version %q is not supported" itself.
  if (!match) return tag.includes('master') || tag === '' ? undefined : 'no release';
  const [major, minor, patch] = [match[1], match[2] ?? '0', match[3] ?? '0'].map(Number);
  return { major, minor, patch, tag: `v${major}.${minor}.${patch}` };
}

/** The text the chart makes of a tag (`traefik.proxyVersion`): the digest cut off, `latest-` and `experimental-` dropped. */
export const chartVersionText = (tag: string): string => tag.split('@')[0].replace('latest-', '').replace('experimental-', '');
