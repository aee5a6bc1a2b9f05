/**
 * What Flux's GitRepository takes of `gitops.repoURL` and `gitops.revision`. Facts from fluxcd/source-controller
 * api/v1/gitrepository_types.go (commit 065d6ef): `GitRepositorySpec.URL` has
 * `+kubebuilder:validation:Pattern="^(http|https|ssh)://.*$"`, so the API server refuses an scp-like `git@host:path` or a
 * `git://` URL (Argo CD clones both); `GitRepositoryRef` has `branch` (a branch name: Flux adds `refs/heads/` itself),
 * `tag`, `semver`, `name` ("a valid Git reference", e.g. "refs/heads/main", "refs/tags/v0.1.0", "refs/pull/420/head";
 * takes precedence over branch, tag and semver) and `commit` (a commit SHA; takes precedence over all).
 */

/** A commit id: 40 hex digits (SHA-1) or 64 (a SHA-256 repository). */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** The GitRepository `ref` for `revision`: a full reference by `name`, a commit id by `commit`, else a branch. */
export function fluxRef(revision: string): { branch: string } | { name: string } | { commit: string } {
  if (revision.startsWith('refs/')) return { name: revision };
  if (COMMIT.test(revision)) return { commit: revision.toLowerCase() };
  return { branch: revision };
}

/**
 * Why Flux's GitRepository cannot take `url`, or undefined; with the ssh:// spelling of an scp-like URL to write
 * instead (`git@github.com:me/infra.git` is `ssh://git@github.com/me/infra.git`). One line: what, what to write.
 */
export function fluxUrlProblem(url: string): string | undefined {
  if (/^(http|https|ssh):\/\//.test(url)) return undefined;
  const why = `${JSON.stringify(url)}: Flux's GitRepository takes only an http://, https:// or ssh:// URL (its CRD refuses any other)`;
  const scp = /^([\w.-]+)@([\w.-]+):\/?(\S+)$/.exec(url);
  if (scp) return `${why}: write "ssh://${scp[1]}@${scp[2]}/${scp[3]}"`;
  const git = /^git:\/\/(\S+)$/i.exec(url);
  if (git) return `${why}: write "https://${git[1]}" (or the ssh:// URL of the repository)`;
  return `${why}: write e.g. "https://github.com/me/infra.git" or "ssh://git@github.com/me/infra.git"`;
}

/**
 * Why Flux cannot take `revision` as a branch, or undefined. `HEAD` is written as `ref.branch`, which Flux fetches as
 * refs/heads/HEAD (no such branch; `git check-ref-format --branch HEAD` fails, git v2.39 sha1-name.c
 * `strbuf_check_branch_ref`); Argo CD takes `HEAD` as the repository's default branch, so only Flux refuses it.
 * `refs/heads/HEAD` is that same ref by `name`, and `refs/remotes/…` names a clone's own remote-tracking refs, which no
 * Git server advertises (git-scm.com/docs/gitglossary, "remote-tracking branch"), so Flux cannot fetch either.
 */
export function fluxRevisionProblem(revision: string): string | undefined {
  const shown = JSON.stringify(revision);
  if (revision === 'HEAD' || revision === 'refs/heads/HEAD') {
    return (
      `${shown} is no branch Flux can follow (it would write ${revision === 'HEAD' ? 'ref.branch: HEAD' : `ref.name: ${revision}`}, ` +
      'and git check-ref-format --branch refuses "HEAD"): name the branch itself, e.g. "main"'
    );
  }
  if (revision.startsWith('refs/remotes/')) {
    const branch = revision.split('/').slice(3).join('/');
    return (
      `${shown} is a remote-tracking ref of a local clone, which no Git server advertises, so Flux cannot fetch it: ` +
      `name the branch on the server, e.g. "${branch && branch !== 'HEAD' ? branch : 'main'}"`
    );
  }
  return undefined;
}

/**
 * A warning when `revision` reads as a short commit id: Flux's `ref.commit` takes only a full id (COMMIT), so
 * fluxRef writes 7 to 39 hex digits as a branch, which Flux fetches as refs/heads/<revision>.
 */
export function fluxRevisionWarning(revision: string): string | undefined {
  if (!/^[0-9a-f]{7,39}$/i.test(revision)) return undefined;
  return (
    `${JSON.stringify(revision)} reads as a short commit id, but Flux's ref.commit takes only a full one (40 hex digits, or 64), ` +
    `so it is written as ref.branch: ${revision}: write the full commit id, or keep it if it is the name of a branch`
  );
}
