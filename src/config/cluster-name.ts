import { dns1123Label } from './formats';
import { looksGenerated, looksGeneratedName, looksGeneratedWithSymbols } from '../core/generated-runs';
import { namesSecretValue } from '../core/secrets-keys';
import { secretsInData, secretValues } from '../core/secrets';

/**
 * Why `name` cannot be a cluster name (the config file's name, the output folder, the K3sVipCluster id), or
 * undefined. A DNS label, and no name every JavaScript object has: constructs 10 (aws/constructs src/construct.ts,
 * `Node.addChild`) keeps a scope's children in a plain object and tests `this._children[childName]`, so
 * `constructor` (Object.prototype's) reads as a child already there and synth stops on "There is already a
 * Construct with name 'constructor'". The other Object.prototype names hold capitals or '_' and fail the label rule.
 */
export function clusterNameProblem(name: string): string | undefined {
  const label = dns1123Label(name);
  if (label) return label;
  return name in Object.prototype
    ? `"${name}" is a name every JavaScript object already has, which the constructs library behind cdk8s takes for a cluster already there: pick another name, e.g. "${name}-1"`
    : undefined;
}

/**
 * Why a cluster name given to synth (`source`: the flag or the environment variable it came from) names no config
 * file: `../x` is no cluster name, which "there is no config/../x.yaml" would not say (69c-4). Undefined when all are.
 */
export function givenNameProblem(names: readonly string[], source: string): string | undefined {
  const bad = names.find((name) => clusterNameProblem(name) !== undefined);
  return bad === undefined ? undefined : `${source} ${JSON.stringify(bad)} is not a cluster name: give the <name> of a config/<name>.yaml`;
}

/**
 * Why a config file `<name>.yaml` cannot name a cluster, or undefined: the one check of synth's loader and of
 * `npm run new` (58a-11), so `new` never writes a file every synth then refuses. A name like a secret (`pw-zq8v…`,
 * `glpat-…`) would name dist/<name>/ and every file there; the message names neither (the callers blank the name).
 */
export function clusterFileNameProblem(name: string, fileName = `${name}.yaml`): string | undefined {
  const secretName = secretsInData(name)[0] ?? secretsInData(fileName)[0];
  if (secretName) return `it looks like a secret (${secretName.what.replace(/ \(.*$/s, '')}), and dist/ is committed to Git`;
  return secretWordThenRun(name) ? `it looks like a secret (${GLUED}), and dist/ is committed to Git` : clusterNameProblem(name);
}

const GLUED = "a name like a secret's, then a generated-looking text";

/**
 * A name like a secret's, `-`, then a generated-looking run (`token-9a8b7c6d5e4f3a2b1c0d`, 61a-11): the README and
 * `.generated-files` quote the cluster name in command lines, which the write gate reads line by line as the glued
 * `password-…` rule says; said here at the name, for `new`, synth and the K3sVipCluster id alike (unshownName).
 */
function secretWordThenRun(name: string): boolean {
  const dash = name.indexOf('-');
  return dash > 0 && namesSecretValue(name.slice(0, dash)) && looksGenerated(name.slice(dash + 1));
}

/**
 * What a message about the cluster name `name` must not show: the secrets it holds, or the whole name where it fails
 * the name rule and looks generated (review59-5: a token pasted as a name; k3s.tokenFile hides the same shape) or like a
 * password (70a-23), or a generated one with symbols (88a-5: `hUpdoq-7zubvy-fodxis`). A generated-looking name that
 * is a valid DNS label (`edge-7f3a9c2e1b4d`) is a name someone chose, and is shown.
 */
export function unshownName(name: string): string[] {
  const secrets = secretValues(name);
  if (secrets.length) return secrets;
  if (secretWordThenRun(name)) return [name];
  return dns1123Label(name) && (looksGeneratedName(name) || looksLikePassword(name) || looksGeneratedWithSymbols(name)) ? [name] : [];
}

/**
 * 70a-23: a name with letters, a digit and a password's sign (`P@ssw0rd`, `Summer2024!`, `Tr0ub4dor&3`) breaks the name rule
 * as no cluster name does, the way a person's password is made: the message says which rule, not the name.
 */
const looksLikePassword = (name: string): boolean => /\p{L}/u.test(name) && /\d/.test(name) && /[!@#$%^&*+=?~]/.test(name);
