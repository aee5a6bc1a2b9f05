import { compareVersions, parseVersion, Version } from '../semver';

/**
 * Every kube-vip release tag from the oldest supported to the newest known, vendored from the tags of
 * kube-vip/kube-vip (git snapshot bee5cfe, 2026-08-21; https://github.com/kube-vip/kube-vip/tags). The release
 * workflow pushes `ghcr.io/kube-vip/kube-vip:<tag>` for each tag, so a tag missing here has no image. Release
 * candidates (`v1.1.0-rc.0`, `v1.2.0-rc.0`) are left out: the config takes plain `vX.Y.Z` tags only. There is no
 * v0.5.1 to v0.5.4: the Makefile went from `VERSION := v0.5.0` to `v0.5.5` (commit 5c859f4), and no tag was made
 * in between.
 */
export const KUBE_VIP_RELEASES: readonly string[] = [
  'v0.5.0',
  'v0.5.5',
  'v0.5.6',
  'v0.5.7',
  'v0.5.8',
  'v0.5.9',
  'v0.5.10',
  'v0.5.11',
  'v0.5.12',
  'v0.6.0',
  'v0.6.1',
  'v0.6.2',
  'v0.6.3',
  'v0.6.4',
  'v0.7.0',
  'v0.7.1',
  'v0.7.2',
  'v0.8.0',
  'v0.8.1',
  'v0.8.2',
  'v0.8.3',
  'v0.8.4',
  'v0.8.5',
  'v0.8.6',
  'v0.8.7',
  'v0.8.8',
  'v0.8.9',
  'v0.8.10',
  'v0.9.0',
  'v0.9.1',
  'v0.9.2',
  'v1.0.0',
  'v1.0.1',
  'v1.0.2',
  'v1.0.3',
  'v1.0.4',
  'v1.1.0',
  'v1.1.1',
  'v1.1.2',
  'v1.2.0',
  'v1.2.1',
  'v1.2.2',
  'v1.2.3',
];

/**
 * Why `version` (inside the supported range) names no kube-vip release, with the releases next to it; undefined
 * when it is one. Tags outside the list's range are not judged here (too old is an error, too new a warning).
 */
export function kubeVipReleaseProblem(version: Version): string | undefined {
  const releases = KUBE_VIP_RELEASES.map(parseVersion);
  const first = releases[0];
  const last = releases[releases.length - 1];
  if (compareVersions(version, first) < 0 || compareVersions(version, last) > 0) return undefined;
  if (releases.some((release) => compareVersions(release, version) === 0)) return undefined;
  const older = releases.filter((release) => compareVersions(release, version) < 0).pop()!;
  const newer = releases.find((release) => compareVersions(release, version) > 0)!;
  return (
    `"${version.tag}" is not a kube-vip release (kube-vip/kube-vip has no such tag, so the image ghcr.io/kube-vip/kube-vip:${version.tag} ` +
    `does not exist and the pods would stay in ImagePullBackOff): use a released tag, e.g. ${older.tag} or ${newer.tag}`
  );
}
