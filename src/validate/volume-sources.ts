import { isDataKey } from '../core/secrets-keys';
import { FieldPath, Finding, isRecord, show } from './paths';
import { generatedReferenceProblems, unshownReference } from './secret-refs';

const REFUSED = 'which the API server refuses';
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const given = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * The files of a pod's `secret` and `configMap` volumes and of a projected volume's sources, as the API server judges
 * them (kubernetes/kubernetes pkg/apis/core/validation/validation.go, v1.27: validateSecretVolumeSource,
 * validateConfigMapVolumeSource, validateProjectedVolumeSource: a `defaultMode` and each `items[].mode` an int32 from 0
 * to 0777, "must be a number between 0 and 0777 (octal), both inclusive"; validateKeyToPath: a `key` and a `path`,
 * ValidateLocalNonReservedPath: relative, no ".." element, not starting with ".."). A Secret's item `key` that no Secret's
 * data can hold (IsConfigMapKey: at most 253 of [-._a-zA-Z0-9]) never mounts, and may be the password pasted there: it is
 * refused here, without its value (46a-9), as is every value under a Secret reference, a mode too (45a-20a, 47a-12).
 * Wrong types are said too: Traefik's `deployment.additionalVolumes` has no schema to say them. Paths lie below `at`.
 */
export function volumeSourceProblems(volumes: unknown, at: FieldPath): Finding[] {
  return items(volumes).flatMap((volume, i): Finding[] => {
    if (!isRecord(volume)) return [];
    const path = [...at, i];
    const projected = isRecord(volume.projected) ? volume.projected : undefined;
    return [
      ...sourceProblems(volume.secret, [...path, 'secret'], true, true),
      ...sourceProblems(volume.configMap, [...path, 'configMap'], false, true),
      ...(projected ? modeProblems(projected.defaultMode, [...path, 'projected', 'defaultMode'], false) : []),
      ...items(projected?.sources).flatMap((source, j) =>
        isRecord(source)
          ? [
              ...sourceProblems(source.secret, [...path, 'projected', 'sources', j, 'secret'], true, false),
              ...sourceProblems(source.configMap, [...path, 'projected', 'sources', j, 'configMap'], false, false),
            ]
          : [],
      ),
    ];
  });
}

function sourceProblems(source: unknown, path: FieldPath, secret: boolean, volume: boolean): Finding[] {
  if (!isRecord(source)) return [];
  const findings: Finding[] = [];
  if (secret)
    findings.push(
      ...generatedReferenceProblems(volume ? source.secretName : source.name, [...path, volume ? 'secretName' : 'name'], 'name'),
    );
  if (volume) findings.push(...modeProblems(source.defaultMode, [...path, 'defaultMode'], secret));
  items(source.items).forEach((item, k) => {
    if (!isRecord(item)) return;
    const at = [...path, 'items', k];
    findings.push(...keyProblems(item.key, [...at, 'key'], secret), ...filePathProblems(item.path, [...at, 'path'], secret));
    findings.push(...modeProblems(item.mode, [...at, 'mode'], secret));
  });
  return findings;
}

/** `defaultMode` and `mode`: an integer from 0 to 0777. */
function modeProblems(mode: unknown, path: FieldPath, secret: boolean): Finding[] {
  if (!given(mode) || (typeof mode === 'number' && Number.isInteger(mode) && mode >= 0 && mode <= 0o777)) return [];
  const octal = typeof mode === 'string' && /^0?[0-7]{3}$/.test(mode) ? parseInt(mode, 8) : undefined;
  // 0644 read as a decimal 644 (YAML 1.2 has no leading-zero octal): its digits were octal.
  const meant = typeof mode === 'number' && /^[0-7]{3}$/.test(String(mode)) ? parseInt(String(mode), 8) : undefined;
  // Nothing at or under a Secret reference is shown, numbers neither (47a-12): one rule, whatever was pasted there.
  const shown = secret ? unshownReference(mode) : show(mode);
  const kind = typeof mode === 'number' ? '' : ` (${Array.isArray(mode) ? 'a list' : isRecord(mode) ? 'a map' : `a ${typeof mode}`})`;
  const fix =
    secret && (octal !== undefined || meant !== undefined)
      ? 'write the mode as a number, in decimal: 420 for octal 0644 (rw-r--r--), 256 for 0400 (r--------) (YAML reads 0644 as decimal 644)'
      : octal !== undefined
        ? `write it as a number, not text: ${octal} (octal 0${String(mode).replace(/^0/, '')})`
        : meant !== undefined
          ? `if you meant octal 0${mode as number}, write ${meant}`
          : 'write a number such as 420 (octal 0644, rw-r--r--) or 256 (0400, r--------)';
  return [
    {
      path,
      message: `is ${shown}${typeof mode === 'string' && shown.startsWith('"') ? kind : ''}, not an integer from 0 to 0777 (511), ${REFUSED} ("must be a number between 0 and 0777 (octal), both inclusive"): ${fix}`,
    },
  ];
}

/** `items[].key`: required; for a Secret, a key its data can hold (not shown: it may be the password). */
function keyProblems(key: unknown, path: FieldPath, secret: boolean): Finding[] {
  if (key === undefined || key === null || key === '')
    return [
      {
        path,
        message: `is ${key === '' ? 'empty' : 'missing'}, ${REFUSED} ("Required value", validateKeyToPath): write the key of the ${secret ? 'Secret' : 'ConfigMap'}'s data to mount, such as tls.crt`,
      },
    ];
  if (!secret) return [];
  if (typeof key !== 'string' || !/^[-._a-zA-Z0-9]{1,253}$/.test(key) || key === '.' || key.startsWith('..'))
    return [
      {
        path,
        message:
          `is ${unshownReference(key)}, not a valid Secret data key: a Secret's data keys are 1 to 253 letters, digits, '-', '_' and '.' ` +
          `(IsConfigMapKey: [-._a-zA-Z0-9]+), not "." nor starting with "..", so no Secret holds it and the kubelet never mounts the volume: write the key as the Secret names it, such as tls.crt`,
      },
    ];
  return isDataKey(key) ? [] : generatedReferenceProblems(key, path, 'key');
}

/** `items[].path`: required, relative, no ".." element (ValidateLocalNonReservedPath). */
function filePathProblems(file: unknown, path: FieldPath, secret: boolean): Finding[] {
  const shown = (value: unknown) => (secret ? unshownReference(value) : show(value));
  const write = "write the file's path relative to the volume's mountPath, such as tls.crt or certs/tls.crt";
  if (file === undefined || file === null || file === '')
    return [{ path, message: `is ${file === '' ? 'empty' : 'missing'}, ${REFUSED} ("Required value", validateKeyToPath): ${write}` }];
  if (typeof file !== 'string') return [{ path, message: `is ${shown(file)}, not a text, ${REFUSED}: ${write}` }];
  const why = file.startsWith('/')
    ? 'an absolute path ("must be a relative path")'
    : file.split('/').includes('..')
      ? 'a path with a ".." element ("must not contain \'..\'")'
      : file.startsWith('..')
        ? 'a path starting with ".." ("must not start with \'..\'")'
        : undefined;
  return why ? [{ path, message: `is ${shown(file)}, ${why}, ${REFUSED} (ValidateLocalNonReservedPath): ${write}` }] : [];
}
