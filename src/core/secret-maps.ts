import type { Path } from './problem';
import { isSecretKey, namesSecretText } from './secrets-keys';
import { composeSecretTexts } from './compose-secrets';
import { holdsSectionSecret, isRoleKey, namesSecretSection } from './secret-sections';
import { looksGenerated } from './generated-runs';
import { WIFI_KEY, wifiKeyEntries } from './wifi-key-lines';
import { isSshPublicKeyLine } from './ssh-public-keys';

/**
 * Attack round 51a-3: a YAML or JSON map under a plural secret name (`secrets:` then `  stripe: …`, `{"secrets": {"stripe":
 * "…"}}`) is judged as an INI or TOML `[secrets]` section is (secret-sections.ts): each value under a key that names no
 * other part of a credential (`provider`, `file`, `name`, `enabled`, `path`: isRoleKey) is a secret unless setsSecret
 * says otherwise (a reference, a placeholder, a switch) or it is a file's path; below it, maps of maps (`secrets:` /
 * `  prod:` / `    stripe: …`, TOML's `[secrets.prod]`) are read the same way. isSecretKey leaves the plural to
 * namesSecretText, which judges only text right under it, because such a map is often made of references, which stay
 * accepted: Compose's definitions (`secrets: {db: {file: ./db.txt}}`, `{environment: DB_PW}`, `{external: true}`:
 * composeSecretTexts), a list of names (Compose's and Woodpecker's `secrets: [db_password]`, a ServiceAccount's `secrets:
 * [{name: x}]`), GitHub Actions' `secrets: inherit` and `token: ${{ secrets.T }}`. An item of a list is a name when it is
 * one word that does not look generated; any other item is judged as a value is. A singular `secret:` or `passwords:`
 * is isSecretKey's (everything under it is a secret). Bounded: MAX_DEPTH levels, MAX_VALUES values per map.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const SECRET_MAP_VALUE = 'a value in a map named like a secret (`secrets:` then `  stripe: …`, as in a `[secrets]` section)';

const MAX_DEPTH = 8;
const MAX_VALUES = 10_000;
/** A list's item that reads as a name (of a secret, a variable, a file): one word that does not look generated. */
const NAME = /^[A-Za-z_][\w.-]{0,252}$/;
/**
 * Keys of a map's entry that say where a secret comes from or what it is for, not the secret: Compose's long syntax
 * (`source`, `target`, `uid`, `gid`, `mode`), GitHub Actions' `workflow_call` secrets (`description`, `required`), GitLab
 * CI's sources (`vault`, `azure_key_vault`, `gcp_secret_manager`, `akeyless`), ECS's `valueFrom`.
 */
const MAP_ROLE =
  /^(?:target|uid|gid|description|required|default|labels?|annotations?|driver(?:_opts)?|template_driver|\w{0,32}vault|\w{0,32}manager|akeyless)$|from$/i;

type Found = { path: Path; value: string; what: string };

/**
 * The values of `record`'s maps under a plural secret name that are secrets (above), at their paths; none at a path
 * `found` has from `from` on (what the record's own reading found below it: one finding a path).
 */
export function secretMapValues(record: Record<string, unknown>, at: Path, found: readonly Found[], from: number): Found[] {
  const out: Found[] = [];
  for (const [key, value] of Object.entries(record)) {
    const under = !isSecretKey(key) && value && typeof value === 'object' ? namesSecretSection(key) : undefined;
    if (under) valuesIn(value, [...at, key], under, 0, out);
  }
  // A Wi-Fi network's key among its settings (70a-16: `{ssid: HomeNet, key: …}`), as its lines would read.
  for (const key of wifiKeyEntries(record)) out.push({ path: [...at, key], value: String(record[key]), what: WIFI_KEY });
  if (out.length === 0) return out;
  const taken = new Set(found.slice(from).map(({ path }) => path.join('\0')));
  return out.filter(({ path }) => !taken.has(path.join('\0')));
}

function valuesIn(node: unknown, at: Path, under: string, depth: number, out: Found[]): void {
  if (depth >= MAX_DEPTH || out.length >= MAX_VALUES) return;
  const judge = (value: unknown, path: Path, item: boolean) => {
    if (typeof value === 'number') value = String(value);
    if (typeof value === 'string') {
      if (item && NAME.test(value) && !looksGenerated(value)) return;
      if (isSshPublicKeyLine(value)) return; // cloud-init's `ssh_authorized_keys: [ssh-ed25519 AAAA…]`: public (79a-20)
      if (holdsSectionSecret(under, value)) out.push({ path, value, what: SECRET_MAP_VALUE });
    } else if (value && typeof value === 'object') valuesIn(value, path, under, depth + 1, out);
  };
  if (Array.isArray(node)) {
    node.slice(0, MAX_VALUES).forEach((item, i) => judge(item, [...at, i], true));
    return;
  }
  if (!node || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return;
  const record = node as Record<string, unknown>;
  if (composeSecretTexts(record)) return; // `{file: ./db.txt}`: where it comes from
  for (const [key, value] of Object.entries(record).slice(0, MAX_VALUES)) {
    // A key judged by its own name (`password`, `webhookSecret`) or naming another part of a credential.
    if (isRoleKey(key) || MAP_ROLE.test(key) || namesSecretText(key)) continue;
    judge(value, [...at, key], false);
  }
}
