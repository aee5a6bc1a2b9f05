import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Crd, crdDir, readCrds } from './crds';

/** The API group of the Gateway API; its CRDs are vendored once per bundle version (crds/gateway-api/README.md). */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

const bundlesDir = (): string => join(crdDir(), 'gateway-api');
const BUNDLE = /^v\d+\.\d+\.\d+$/;

/** The vendored Gateway API bundles, oldest first: the folders `crds/gateway-api/vX.Y.Z/`. */
export function gatewayApiBundles(): string[] {
  const dir = bundlesDir();
  if (!existsSync(dir)) return [];
  const number = (tag: string) => tag.slice(1).split('.').map(Number);
  return readdirSync(dir)
    .filter((name) => BUNDLE.test(name))
    .sort((a, b) => {
      const [x, y] = [number(a), number(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
}

const bundles = new Map<string, Map<string, Crd>>();

/** The CRDs one vendored bundle holds, by group/kind, read once. */
function bundleCrds(bundle: string): Map<string, Crd> {
  let crds = bundles.get(bundle);
  if (!crds) {
    crds = readCrds(join(bundlesDir(), bundle));
    bundles.set(bundle, crds);
  }
  return crds;
}

/** The CRD of a Gateway API kind in one vendored bundle; undefined when the bundle's folder does not hold the kind. */
export function gatewayApiCrd(bundle: string, kind: string): Crd | undefined {
  return bundleCrds(bundle).get(`${GATEWAY_API_GROUP}/${kind}`);
}

/** The kinds whose CRDs a vendored bundle holds (crds/gateway-api/README.md: not every kind of the release). */
export function gatewayApiKinds(bundle: string): string[] {
  return [...bundleCrds(bundle).values()]
    .filter((crd) => crd.group === GATEWAY_API_GROUP)
    .map((crd) => crd.kind)
    .sort();
}

/** Why `bundle` cannot be a file's marked bundle (`npm run validate` refuses one it does not hold: schemas.ts), if it cannot. */
export function gatewayApiBundleProblem(bundle: string): string | undefined {
  const vendored = gatewayApiBundles();
  if (vendored.includes(bundle)) return undefined;
  return `is ${JSON.stringify(bundle)}, which crds/gateway-api/ does not hold (it has ${vendored.join(', ') || 'none'}): name one of those, or vendor that bundle (crds/gateway-api/README.md)`;
}

/**
 * The comment line a file of Gateway API objects carries after its generated header, naming the CRDs
 * of the cluster it is for, so `npm run validate` checks the objects against exactly those.
 */
export function gatewayApiMarker(bundle: string, source: string): string {
  return `# Gateway API CRDs: ${bundle} (standard channel), ${source}.\n`;
}

const MARKER = /^# Gateway API CRDs: (v\d+\.\d+\.\d+) /m;

/** The bundle a file's marker names, if it has one. */
export function markedGatewayApiBundle(text: string): string | undefined {
  return MARKER.exec(text)?.[1];
}
