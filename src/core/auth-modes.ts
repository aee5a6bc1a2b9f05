import { gluedAuth } from './credential-header-names';
import { looksGenerated } from './generated-runs';

/**
 * 60a-13: an `--auth` flag of a proxy or a server takes a mode and its parameter, `<mode>:<parameter>`, where a client's
 * takes `user:password`: `--auth htpasswd:/etc/htpasswd`, `--auth oidc:https://idp.example.com`,
 * `--auth ldap:dc=example,dc=org`. A parameter that is a path, a URL or an LDAP DN (RFC 4514: `attr=value`, `,` between)
 * is no password unless it looks generated (`admin:/Zq8v…`). Each alternative starts with its own fixed characters, and
 * the DN's parts are split by `,`, which none of them holds: linear.
 */
const PATH_URL_OR_DN = /^(?:\.{0,2}\/|[a-z][a-z0-9+.-]{0,31}:\/\/|[a-z]{1,16}=[^,=]+(?:,[a-z]{1,16}=[^,=]+)*$)/i;

/** Whether `parameter` (the part after `<mode>:`) is a path, a URL or a DN that looks written. */
export const isAuthModeParameter = (parameter: string): boolean => PATH_URL_OR_DN.test(parameter) && !looksGenerated(parameter);

/** `<mode>:<parameter>` as a whole value (`--auth=htpasswd:/etc/htpasswd`, `AUTH=oidc:https://…`) under a name ending in `auth`. */
export const isAuthMode = (value: string, named: string): boolean => {
  const mode = /^[a-z][a-z0-9-]{1,23}:(.+)$/is.exec(value);
  // 79a-2: `auth` glued after what it opens (`FORWARDAUTH=https://…`) as apart (`FORWARD_AUTH`).
  const authName = /(?:^|[^A-Za-z])auth$/i.test(named.trim()) || gluedAuth(named.trim().split(/[-_.]/).pop() ?? '');
  return mode !== null && authName && isAuthModeParameter(mode[1]);
};
