/**
 * A ReferenceGrant (gateway.networking.k8s.io; its version is not judged here) held to the shape of its CRD's schema
 * (kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_referencegrants.yaml): `spec.from`
 * and `spec.to` lists of 1 to 16 items, each from with a `group`, `kind` and `namespace` text, each to with a `group` and
 * `kind` text and an optional `name`. Its CRD is not vendored (crds/gateway-api/README.md), but a cross-namespace route
 * backend needs one among the items (traefik/extra-route-grants.ts, 82a-16), so it is judged here rather than refused.
 */
export function referenceGrantProblems(object: Record<string, unknown>): Array<{ path: Array<string | number>; message: string }> {
  const spec = object.spec;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    return [{ path: ['spec'], message: 'is missing or no map: a ReferenceGrant needs spec.from and spec.to lists' }];
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const lists: Array<[string, readonly string[], readonly string[]]> = [
    ['from', ['group', 'kind', 'namespace'], []],
    ['to', ['group', 'kind'], ['name']],
  ];
  for (const [list, required, optional] of lists) {
    const items = (spec as Record<string, unknown>)[list];
    if (!Array.isArray(items) || items.length < 1 || items.length > 16) {
      problems.push({ path: ['spec', list], message: `must be a list of 1 to 16 items, as the ReferenceGrant CRD requires` });
      continue;
    }
    items.forEach((item: unknown, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        problems.push({ path: ['spec', list, i], message: `is no map: write ${required.map((key) => `${key}: …`).join(', ')}` });
        return;
      }
      const entry = item as Record<string, unknown>;
      for (const key of required)
        if (typeof entry[key] !== 'string')
          problems.push({ path: ['spec', list, i, key], message: 'is required as a text (the ReferenceGrant CRD)' });
      for (const key of Object.keys(entry))
        if (!required.includes(key) && !optional.includes(key))
          problems.push({
            path: ['spec', list, i, key],
            message: `is not a field of a ReferenceGrant's ${list} item: write ${[...required, ...optional].join(', ')}`,
          });
    });
  }
  return problems;
}
