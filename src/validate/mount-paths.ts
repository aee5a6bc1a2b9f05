/**
 * The API server's rules for a volume mount's `subPath` and `subPathExpr` and for a volume's source, shared by the
 * workloads of `extraObjects` and the written manifests (volume-mount-rules.ts) and by Traefik's own pod
 * (traefik/container-mounts.ts). Read in kubernetes/kubernetes pkg/apis/core/validation/validation.go (v1.27 to
 * v1.33): ValidateVolumeMounts checks a non-empty subPath, and a non-empty subPathExpr (before its `$(VAR)`
 * references are expanded), with validateLocalDescendingPath (`path.IsAbs`: "must be a relative path";
 * validatePathNoBacksteps: no "/"-separated element `..`, "must not contain '..'"), and refuses a non-empty
 * subPathExpr beside a non-empty subPath ("subPathExpr and subPath are mutually exclusive", at subPathExpr);
 * validateVolumeSource refuses a volume with a second source ("may not specify more than 1 volume type"). A volume
 * with none is no error: the v1 API gives it an emptyDir (pkg/apis/core/v1/defaults.go SetDefaults_Volume).
 */

/**
 * Why the API server refuses `text` as a subPath or subPathExpr, or undefined. `fails` (", so ...") is put before the
 * fix, for a caller that says what the refusal breaks.
 */
export function descendingPathProblem(text: string, fails = ''): string | undefined {
  if (text.startsWith('/'))
    return `an absolute path, but the API server takes only a path inside the volume ("must be a relative path")${fails}: write it without the leading "/"`;
  if (text.split('/').includes('..'))
    return `a path with a ".." element, which the API server refuses ("must not contain '..'")${fails}: write the folder inside the volume without ".."`;
  return undefined;
}

/** A mount's subPath and subPathExpr the API server refuses: each key with why (descendingPathProblem), for a caller to word with the value. */
export function subPathProblems(
  mount: Readonly<Record<string, unknown>>,
  fails = '',
): Array<{ key: 'subPath' | 'subPathExpr'; problem: string }> {
  const found: Array<{ key: 'subPath' | 'subPathExpr'; problem: string }> = [];
  const given = (key: 'subPath' | 'subPathExpr') =>
    typeof mount[key] === 'string' && mount[key] !== '' ? (mount[key] as string) : undefined;
  const subPath = given('subPath');
  const expression = given('subPathExpr');
  const bad = subPath === undefined ? undefined : descendingPathProblem(subPath, fails);
  if (bad) found.push({ key: 'subPath', problem: bad });
  if (expression !== undefined && subPath !== undefined)
    found.push({
      key: 'subPathExpr',
      problem: `set beside subPath, and the API server takes only one of them ("subPathExpr and subPath are mutually exclusive")${fails}: keep one`,
    });
  else if (expression !== undefined) {
    const badExpression = descendingPathProblem(expression, fails);
    if (badExpression) found.push({ key: 'subPathExpr', problem: badExpression });
  }
  return found;
}

/**
 * The keys of a volume that each give it a source (k8s.io/api core/v1 types.go VolumeSource, v1.33: `image` is the
 * newest, from v1.31). A key given as null is no source (a nil pointer to the API server).
 */
const VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
]);

/** A volume's source keys after its first, which the API server refuses, with the first; none when it has at most one. */
export function extraVolumeSources(volume: Readonly<Record<string, unknown>>): { first?: string; extra: string[] } {
  const sources = Object.keys(volume).filter((key) => VOLUME_SOURCES.has(key) && volume[key] !== null && volume[key] !== undefined);
  return { first: sources[0], extra: sources.slice(1) };
}

/** The message at a volume's second source, after `first`. */
export const secondSourceMessage = (first: string, fails = '') =>
  `is a second source of this volume (it has ${first} too), and the API server takes one source per volume ("may not specify more than 1 volume type")${fails}: ` +
  `keep one (a volume of several sources is a projected volume of secrets, configMaps, downwardAPI or serviceAccountToken)`;
