import { isPlaceholder } from './placeholders';
import { hasPasswordMix } from './password-mix';
import { isReference } from './secrets-text';

/**
 * Round 63 (63a-5): an Oracle logon in Easy Connect form without a client before it, `user/password@host[:port][/service]`
 * (docs.oracle.com Net Services Administrator's Guide, "Understanding the Easy Connect Naming Method": `[//]host
 * [:port][/service_name]`; cx_Oracle/python-oracledb take the same string as `connect("user/password@dsn")`). sqlplus'
 * and JDBC's are read elsewhere (secrets-positional.ts, oracle-urls.ts). As `a/b@c` is also a package, an image or an
 * action (`@scope/pkg@1.2.3`, `docker.io/library/nginx@sha256:…`, `actions/checkout@v4`), it is taken only where
 * - its host part is Easy Connect's own: `@//host…`, or `@host:port/service` with an Oracle listener's port (1521, 1522,
 *   2484 for TCPS; docs.oracle.com Net Services Reference "Port Number Defaults") or a password of a password's mix
 *   (password-mix.ts): `api/v2@edge:443/svc`, `team/app@registry.local:5000/app`, `reports/2024@archive:2023/q4` are
 *   an endpoint, an image and a path (64a-13); or
 * - its host part is a connect descriptor (65a-8: `u/pw@(DESCRIPTION=(ADDRESS=…)(CONNECT_DATA=…))`, also
 *   `(DESCRIPTION_LIST=`; docs.oracle.com Net Services Reference, "Connect Descriptors"), never a path's `a/b@(c)`; or
 * - it is the value of a key that names a connection (`ORACLE_CONN=`, `connect_string:`, `oracle:`, `dsn=`), or a
 *   `connect(` call's first argument.
 * The user starts a word (not after `/`, `@`, `.`), so a path's or a scope's part never is one; the password is no
 * reference or placeholder (`${ORACLE_PASSWORD}`, `<password>`).
 */
// Linear: user, `/`, password, `@` and host are disjoint at each boundary, each run bounded.
const LOGON =
  /(?<![^\s=:,([{"'`])([A-Za-z_][\w$#.-]{0,127})\/("[^"\n]{1,128}"|[^\s/@"'`]{1,128})@(\/\/[\w.-]{1,253}|\([ \t]*(?:DESCRIPTION|description)(?:_LIST|_list)?[ \t]*=|[\w.-]{1,253}:\d{1,5}\/|[\w.-]{1,253})/g;
/** The key a value is assigned to, just before it, or a `connect(` call. */
const KEY_BEFORE = /([A-Za-z_][\w.-]{0,127})["']?[ \t]*(?::|=>?)[ \t]*["']?$|\bconnect\([ \t]*[rRuU]?["']?$/;
// `ORACLE_CONN`, `connect_string`, `DB_CONNECTION_STRING`, `dsn`; not a bare `connection:` (a word many settings use).
const CONNECTION_KEY = /oracle|conn(?:ect(?:ion)?)?_?str|(?:^|[._-])conn(?:$|[._-])|dsn|tns|userid|logon/i;

function isConnectionValue(text: string, at: number): boolean {
  const before = KEY_BEFORE.exec(text.slice(Math.max(0, at - 160), at));
  return !!before && (before[1] === undefined || CONNECTION_KEY.test(before[1]));
}

/** Spans of `user/password` in Oracle Easy Connect logons. */
export function oracleEzconnectSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!text.includes('@') || !text.includes('/')) return spans;
  for (const match of text.matchAll(LOGON)) {
    const [, user, quoted, host] = match;
    const password = quoted.replace(/^"(.*)"$/, '$1');
    if (!password || isReference(password) || isPlaceholder(password)) continue;
    const easyConnect =
      /^(?:\/\/|\()/.test(host) || (/:\d+\/$/.test(host) && (/:(?:152[12]|2484)\/$/.test(host) || hasPasswordMix(password)));
    if (!easyConnect && !isConnectionValue(text, match.index)) continue;
    spans.push([match.index, match.index + user.length + 1 + quoted.length]);
  }
  return spans;
}

export const ORACLE_EZCONNECT =
  'an Oracle logon with its password (`user/password@host:port/service`, Easy Connect, or `user/password@(DESCRIPTION=…)`)';
