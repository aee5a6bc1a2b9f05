import { OLDEST_SUPPORTED_K3S } from '../k3s/versions';
import { kubernetesMinor } from '../validate/later-fields';

/**
 * Version table, by Kubernetes minor: the sysctls and SELinux types the baseline Pod Security Standard allows from that
 * release on (kubernetes/website content/en/docs/concepts/security/pod-security-standards.md, "Sysctls" and "SELinux";
 * kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy check_sysctls.go and check_seLinuxOptions.go,
 * which match a sysctl by its name as written). The safe sysctls are also the only ones the kubelet starts a pod with
 * unless its `--allowed-unsafe-sysctls` names them (kubernetes/website
 * content/en/docs/tasks/administer-cluster/sysctl-cluster.md, "the safe set", same releases), which the K3s
 * configuration this tool writes never does.
 */
const BASELINE_BY_RELEASE: ReadonlyArray<{ since: number; sysctls?: readonly string[]; selinuxTypes?: readonly string[] }> = [
  {
    since: 0,
    sysctls: [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
    // An empty type is no type: the runtime's own.
    selinuxTypes: ['', 'container_t', 'container_init_t', 'container_kvm_t'],
  },
  { since: 27, sysctls: ['net.ipv4.ip_local_reserved_ports'] },
  {
    since: 29,
    sysctls: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'],
  },
  // The type for a container engine (podman, buildah) inside a container.
  { since: 31, selinuxTypes: ['container_engine_t'] },
  { since: 32, sysctls: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
];

type Allowed = 'sysctls' | 'selinuxTypes';

/** The Kubernetes minor a pod is judged by: `k3s.version`'s, else the oldest supported release's. */
const judgedMinor = (k3sVersion: string | undefined): number => kubernetesMinor(k3sVersion) ?? OLDEST_SUPPORTED_K3S.minor;

/** What the baseline allows of `kind` on the release of `k3sVersion`. */
export function baselineAllowed(kind: Allowed, k3sVersion: string | undefined): readonly string[] {
  const minor = judgedMinor(k3sVersion);
  return BASELINE_BY_RELEASE.filter((row) => row.since <= minor).flatMap((row) => row[kind] ?? []);
}

/** The Kubernetes minor from which the baseline allows `value` of `kind`, when a release after `k3sVersion`'s does. */
export function allowedFrom(kind: Allowed, value: string, k3sVersion: string | undefined): number | undefined {
  const row = BASELINE_BY_RELEASE.find((entry) => entry[kind]?.includes(value));
  return row && row.since > judgedMinor(k3sVersion) ? row.since : undefined;
}

/** Why a release from 1.`since` is needed and what to write, for a value the cluster's release does not allow yet. */
export function releaseShortfall(since: number, k3sVersion: string | undefined): string {
  const minor = kubernetesMinor(k3sVersion);
  const release =
    k3sVersion !== undefined && minor !== undefined
      ? `K3s ${k3sVersion} is Kubernetes 1.${minor}`
      : `no k3s.version (a construct's k3sVersion prop) names the release, so it is judged as Kubernetes 1.${OLDEST_SUPPORTED_K3S.minor}, the oldest supported`;
  return `but ${release}: set k3s.version (k3sVersion) to v1.${since}.0+k3s1 or newer, or remove it`;
}
