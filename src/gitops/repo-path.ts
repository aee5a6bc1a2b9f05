/**
 * A folder inside the repository in one spelling: no `.` or empty segments, no leading or trailing `/`; `.` for
 * the repository root. Flux matches the deferred source's ignore rules one path component at a time (fluxcd/pkg
 * `sourceignore/gitignore/pattern.go` at sourceignore/v0.18.0: a pattern is split at `/` and each part compared with
 * one component of the file's path), so `deploy/./k3s` in a rule never matches the files of `deploy/k3s`; Argo CD
 * and Flux read both spellings as the same folder. `..` segments are refused by the format rule before this runs.
 */
export function normaliseRepoPath(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  return segments.length ? segments.join('/') : '.';
}
