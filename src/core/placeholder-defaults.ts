import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Round 63 (63a-6): a literal default written inside a placeholder that reads a secret. The placeholder is a reference
 * (`${DB_PASSWORD}`), but the default after its operator is the value used wherever the variable is unset, so it is
 * as much a password as `password=Summer2024!x`:
 *
 * - a shell's `${PW:-x}`, `${PW:=x}`, `${PW-x}`, `${PW=x}` (POSIX, Shell Command Language 2.6.2 "Parameter Expansion";
 *   also Docker Compose's interpolation, docs.docker.com/reference/compose-file/interpolation/);
 * - Spring's `${db.password:x}` and Quarkus' `${DB_PASSWORD:x}` (docs.spring.io spring-framework "Using @Value":
 *   `${name:default}`; quarkus.io/guides/config-reference "Property expressions").
 *
 * In any syntax around it (a `.properties` line, an env line, YAML, JSON, a shell `export`), so every door reads it
 * alike. The secret's name is the placeholder's own, an enclosing one's (`${DB_PASSWORD:-${FALLBACK:-x}}`) or the key it
 * is assigned to (`password=${DB:x}`). No value:
 * an empty default (`${PW:-}`, `${PW:}`), `:?`/`:+` (an error text, an alternative used only when set), a shell
 * substring's offset (`${PW:2}`, `${PW: -1}`), another expansion (`${PW:-$OTHER}`), or what setsSecret takes for none
 * (a placeholder word, `changeme`).
 */
// Linear: the name's characters, the operator and the default's are disjoint at each boundary; each `${` reads at most
// 128 + 2 + 256 characters.
const PLACEHOLDER = /\$\{([A-Za-z_][\w.]{0,127})(:[-=]?|[-=])([^{}\n]{1,256})\}/g;
/** The key a placeholder is assigned to, just before it (`password=`, `"password": "`, `export PGPASSWORD="`). */
const KEY_BEFORE = /([A-Za-z_][\w.-]{0,127})["']?[ \t]*(?::|=>?)[ \t]*["']?$/;

/** The placeholder this one is the default of (`${DB_PASSWORD:-${FALLBACK:-x}}`: `DB_PASSWORD` encloses `FALLBACK`). */
const ENCLOSING = /\$\{([A-Za-z_][\w.]{0,127}):?[-=]$/;

/** The names of the placeholders around the one at `at`, innermost first, at most four deep (64a-5). */
function enclosingNames(text: string, at: number): string[] {
  const names: string[] = [];
  for (let end = at, found; names.length < 4 && (found = ENCLOSING.exec(text.slice(Math.max(0, end - 140), end)));) {
    names.push(found[1]);
    end -= found[0].length;
  }
  return names;
}

/**
 * 69a-14: Kafka's config providers, `${env:KEYSTORE_PASSWORD}`, `${file:/opt/kafka/secrets.properties:password}`,
 * `${directory:/mnt/secrets:password}` (apache/kafka clients/src/main/java/org/apache/kafka/common/config/provider/
 * EnvVarConfigProvider.java, FileConfigProvider.java, DirectoryConfigProvider.java; ConfigTransformer's
 * `${provider:[path:]key}`): the provider's name then what it reads, no default.
 */
const KAFKA_PROVIDER = /^(?:env:[A-Z_][A-Z0-9_]{0,127}|(?:file|directory):\/[\w./-]{0,255}(?::[\w.-]{1,128})?)$/;

function isDefault(operator: string, value: string): boolean {
  if (value.startsWith('$') || (operator === ':' && /^[?+]/.test(value))) return false;
  // Spring's bare `:` default, but never a shell substring's offset and length.
  return operator !== ':' || !/^\s|^-?\d+(?::-?\d+)?$/.test(value);
}

/** Spans of the literal defaults inside placeholders that read a secret. */
export function placeholderDefaultSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!text.includes('${')) return spans;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [whole, name, operator, value] = match;
    if (!isDefault(operator, value) || KAFKA_PROVIDER.test(`${name}${operator}${value}`)) continue;
    const key = KEY_BEFORE.exec(text.slice(Math.max(0, match.index - 160), match.index))?.[1];
    const secretName = [name, key, ...enclosingNames(text, match.index)].find((n) => n !== undefined && namesSecretValue(n));
    if (secretName !== undefined && setsSecret(secretName, value)) {
      const end = match.index + whole.length - 1;
      spans.push([end - value.length, end]);
    }
  }
  return spans;
}

export const PLACEHOLDER_DEFAULT =
  'a literal default inside a placeholder that reads a secret (`${DB_PASSWORD:-x}`, `${db.password:x}`: the default is the password wherever the variable is unset; write `${DB_PASSWORD}` alone)';
