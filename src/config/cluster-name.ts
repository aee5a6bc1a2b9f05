import { dns1123Label } from './formats';

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
