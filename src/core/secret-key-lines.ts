import { isSecretKey, namesSecretValue } from './secrets-keys';

/**
 * A key line of a text (`key: rest`, secrets.ts secretsInDocumentLines) whose value is a secret: under a secret's key, or
 * a scalar under a key whose text is one (`  webhookSecret: v`), or a quoted one after code's words (`o = { apiSecret: 'v' };`,
 * 44a-5). A map or a list there (`tokenSecret: {name: x}`, `|`, an anchor) is judged by its own keys.
 */
export function keyLineSetsSecret(key: string, rest: string): boolean {
  if (isSecretKey(key)) return true;
  const name = /[A-Za-z_][\w.-]*$/.exec(key)?.[0];
  // After code's or prose's words (`o = { apiSecret`, `the tlsSecret`) only a quoted value: `process.env.X };` reads on.
  const value = name === key ? !/^[{[|>&*!#]/.test(rest) : /^["'`]/.test(rest);
  return !!rest && value && name !== undefined && namesSecretValue(name);
}
