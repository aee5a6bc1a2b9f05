import { looksGenerated } from './generated-runs';

/**
 * The Docker registry's auth settings (59a-10), whose names hold a secret's word (`htpasswd`, `token`) and end in what of
 * it they set: `auth.htpasswd.realm`, `auth.token.realm`, `service`, `issuer`, `rootcertbundle`, `jwks`, `autoredirect`,
 * `autoredirectpath`, `signingalgorithms` (distribution/distribution docs/content/about/configuration.md, `auth`), as the
 * env's `REGISTRY_AUTH_HTPASSWD_REALM`, `REGISTRY_AUTH_TOKEN_SERVICE`, `REGISTRY_AUTH_TOKEN_ROOTCERTBUNDLE`. A realm is
 * a display text or the token server's URL, a service a name or a host, a bundle or a JWKS a file's path: a value of that
 * kind passes, nothing generated-looking (`REGISTRY_AUTH_TOKEN_REALM=Zq8v…` stays judged), and no `user:password`.
 */
const SETTING = /^(?:realm|service|issuer|rootcertbundle|jwks|autoredirect|autoredirectpath|signingalgorithms)$/;
/** A display text (`Registry Realm`), a name or host (`registry.example.com:5000`), an absolute path, or a URL. */
const PLAIN =
  /^(?:[A-Za-z][\w.-]{0,63}(?: [\w.-]{1,63}){0,7}|[a-z0-9][a-z0-9.-]{0,252}(?::\d{1,5})?|(?:\/[\w.@-]{1,255}){1,32}|https?:\/\/[\w.-]{1,253}(?::\d{1,5})?(?:\/[\w.~%-]{0,255}){0,32})$/;

/** Whether `value` under `named` is one of the registry's auth settings above, plainly no secret. */
export function isRegistryAuthSetting(value: string, named: string): boolean {
  // The name's words as named-setting-values.ts nameWords splits them (not imported: that file imports this one).
  const list = named
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const v = value.trim();
  if (list.length < 2 || !SETTING.test(list[list.length - 1]) || v.length > 2048 || looksGenerated(v)) return false;
  return list.slice(0, -1).some((word) => /^(?:htpasswd|token|auth)$/.test(word)) && PLAIN.test(v);
}
