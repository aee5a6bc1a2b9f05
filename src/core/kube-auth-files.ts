import { looksGenerated } from './generated-runs';

/**
 * Round 71a-17: kube-apiserver's static token file (`--token-auth-file`) and the old basic-auth file
 * (`--basic-auth-file`): CSV lines `token,user,uid,"group1,group2"` and `password,user,uid` (kubernetes.io
 * docs/reference/access-authn-authz/authentication: "Static Token File"). The first column is a bearer token or a
 * password; a `system:masters` line is a cluster-admin credential. The token is made as a hex run (`head -c 16
 * /dev/urandom | od -An -t x`), which elsewhere passes as a digest: here its columns say what it is.
 */

/** One line: the secret, the user, the uid (each may be quoted), and the quoted group list if there. */
const AUTH_LINE = /^[ \t]*("?)([^\s,"#][^\s,"]{5,})\1,[ \t]*("?)([^\s,"]+)\3,[ \t]*("?)([^\s,"]+)\5(?:,[ \t]*"([^"\n]*)")?[ \t]*\r?$/gm;
/** Kubernetes' own users and groups (`system:masters`, `system:node-bootstrapper`, `system:kube-scheduler`, kubelet-bootstrap). */
const KUBE_NAME = /^system:|^kubelet-bootstrap$/;
/** A token as the guides make it: a hex run of 16 or more, or a generated-looking run. */
const isTokenShaped = (value: string): boolean => /^[0-9a-fA-F]{16,}$/.test(value) || looksGenerated(value);

/** Spans of `text` that are the secret column of a static token or basic-auth file's line. */
export function kubeAuthFileSpans(text: string): Array<[number, number]> {
  if (!text.includes(',')) return [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(AUTH_LINE)) {
    const [secret, user, uid, groups] = [m[2], m[4], m[6], m[7]];
    const kubernetes = KUBE_NAME.test(user) || (groups ?? '').split(',').some((group) => KUBE_NAME.test(group.trim()));
    const tokenLine = isTokenShaped(secret) && (groups !== undefined || /^\d+$/.test(uid) || uid === user);
    if (!kubernetes && !tokenLine) continue;
    const start = m.index + m[0].indexOf(secret);
    spans.push([start, start + secret.length]);
  }
  return spans;
}

/** What a finding of kubeAuthFileSpans is called (secrets-formats.ts FORMAT_FINDERS). */
export const KUBE_AUTH_FILE_SECRET = 'a line of kube-apiserver\'s static token or basic-auth file (token,user,uid,"groups")';
