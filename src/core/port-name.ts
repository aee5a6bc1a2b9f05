/**
 * Why the API server refuses `name` as a container or Service port name (an IANA_SVC_NAME, k8s.io/apimachinery
 * pkg/util/validation IsValidPortName), else undefined.
 */
export function portNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name.length > 15) return `it has ${name.length} characters`;
  const bad = [...new Set(name.replace(/[-a-z0-9]/g, ''))];
  if (bad.length) return `it holds ${bad.map((c) => JSON.stringify(c)).join(', ')}`;
  if (!/[a-z]/.test(name)) return 'it has no letter';
  if (name.includes('--')) return 'it holds "--"';
  if (name.startsWith('-') || name.endsWith('-')) return 'it starts or ends with "-"';
  return undefined;
}
