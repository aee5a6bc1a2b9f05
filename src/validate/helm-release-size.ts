import { deflateRawSync } from 'node:zlib';
import { yaml } from '../core/yaml';
import { Finding, isRecord } from './paths';

/**
 * The most a Secret holds: the API server refuses one whose data is over 1 MiB (kubernetes pkg/apis/core/validation/
 * validation.go ValidateSecret, core.MaxSecretSize).
 */
const MAX_SECRET_BYTES = 1024 * 1024;

/**
 * Values shorter than this cannot make a release past the bound: the estimate below is at most 4/3 of twice their
 * length (data that deflate cannot shrink), with room for deflate's few bytes of framing.
 */
const SHORTEST_SUSPECT = 360 * 1024;

/**
 * Helm keeps each release in one Secret, `sh.helm.release.v1.<name>.v<n>` (helm/helm v3 pkg/storage/driver/secrets.go
 * newSecretsObject), its JSON gzip-compressed, then base64-encoded (pkg/storage/driver/util.go encodeRelease). K3s'
 * helm-controller installs its charts with that storage, so a HelmChart or HelmChartConfig whose values make the release too big
 * fails the install ("data: Too long: must have at most 1048576 bytes") and Traefik stays as it was. The release holds
 * the values (`config`) and the manifest they render (`manifest`): each `extraObjects` item is in it twice, far apart,
 * where one compression cannot share them. The estimate counts only those two copies, compressed, then base64's 4/3,
 * and leaves out the chart's own files, so it is a lower bound: a refusal here is certain, a pass is not (the etcd bound
 * of object-size.ts and the config file's own 1 MiB keep that case rare).
 */
export function checkHelmReleaseSize(object: Record<string, unknown>): Finding[] {
  const spec = object.spec;
  if (!['HelmChart', 'HelmChartConfig'].includes(String(object.kind)) || !isRecord(spec) || typeof spec.valuesContent !== 'string')
    return [];
  const values = spec.valuesContent;
  if (values.length < SHORTEST_SUSPECT) return [];
  let extraObjects: unknown;
  try {
    const parsed: unknown = yaml.parse(values);
    extraObjects = isRecord(parsed) ? parsed.extraObjects : undefined;
  } catch {
    return []; // values that do not parse are refused by their own rule
  }
  const message = helmReleaseSizeProblem(values, extraObjects);
  return message ? [{ path: ['spec', 'valuesContent'], message }] : [];
}

/**
 * Why a release of these values (`valuesContent`, the text written, and its parsed `extraObjects`) is over the bound,
 * else undefined. The config door (traefik/release-size-rule.ts) and the conformance rule above both call it.
 */
export function helmReleaseSizeProblem(values: string, extraObjects: unknown): string | undefined {
  if (values.length < SHORTEST_SUSPECT) return undefined;
  const rendered = Array.isArray(extraObjects) && extraObjects.length ? yaml.stringify(extraObjects) : '';
  const compressed = deflateRawSync(values).length + (rendered ? deflateRawSync(rendered).length : 0);
  const estimate = Math.ceil((compressed * 4) / 3);
  if (estimate <= MAX_SECRET_BYTES) return undefined;
  return (
    `makes a Helm release of at least ${estimate} bytes (its values and the extraObjects they render, compressed, then ` +
    'base64), and Helm keeps a release in one Secret, which the API server caps at 1 MiB (1048576 bytes), so the ' +
    'install fails ("data: Too long") and the chart keeps its old release: keep big data out of the chart\'s values ' +
    '(a ConfigMap or Secret of your own, a volume, the image)'
  );
}
