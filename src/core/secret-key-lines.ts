import { isSecretKey, namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/** A key's description wrapped onto the lines below it (described-values.ts), for secrets.ts's line reader. */
export { describedOn } from './described-values';
/** A key's `!vault |` block holding an Ansible Vault text (encrypted-values.ts), for the same reader: no secret. */
export { isVaultBlock } from './encrypted-values';

/**
 * A key line of a text (`key: rest`, secrets.ts secretsInDocumentLines) whose value is a secret: under a secret's key, or
 * a scalar under a key whose text is one (`  webhookSecret: v`), or a quoted one after code's words (`o = { apiSecret: 'v' };`,
 * 44a-5). A map or a list there (`tokenSecret: {name: x}`, `|`, an anchor) is judged by its own keys. After code's words
 * that open an object (`const o = { clientSecret`, `, password`), the value is read up to its entry's end (objectValue)
 * and judged as every notation's is (secrets-text.ts setsSecret: a reference, an empty default, a placeholder, a
 * Secret's name are none; 45a-14, 45a-15): `{ tlsSecret: 'wildcard-tls', host: 'x' }`, `{ clientSecret:
 * process.env.CLIENT_SECRET ?? '' }`. The other entries of the line are read as a flow's by the caller.
 */
export function keyLineSetsSecret(key: string, rest: string): boolean {
  const name = /[A-Za-z_][\w.-]*$/.exec(key)?.[0];
  if (name !== undefined && name !== key && /[{,][ \t]*$/.test(key.slice(0, -name.length))) {
    // A word alone (`{ password: password }`, `{ password: pw }`) is judged as before, with the rest of its line.
    const value = objectValue(rest);
    if (value !== undefined && !/^[A-Za-z_$][\w$]*$/.test(value)) return value !== '' && setsSecret(name, value);
  }
  if (isSecretKey(key)) return true;
  // After code's or prose's words (`o = { apiSecret`, `the tlsSecret`) only a quoted value: `process.env.X };` reads on.
  const value = name === key ? !/^[{[|>&*!#]/.test(rest) : /^["'`]/.test(rest);
  return !!rest && value && name !== undefined && namesSecretValue(name);
}

/**
 * An object entry's value, from the start of `rest` to the `,` or the closing `}`/`)` that ends it outside quotes and
 * brackets (`'wildcard-tls'` of `'wildcard-tls', host: 'x' };`, `process.env.X ?? ''` of `process.env.X ?? '' };`), trimmed;
 * undefined where the line ends first (the value goes on below, or the line is no object's).
 */
function objectValue(rest: string): string | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (depth === 0 && (c === ',' || c === '}' || c === ')')) return rest.slice(0, i).trim();
  }
  return undefined;
}
