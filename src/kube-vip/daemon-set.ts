import { Construct } from 'constructs';
import { k8s } from '../core/k8s';
import { leaderElectionProblems } from './election';
import { EnvVar, KUBE_VIP_NODE_ROLES, KUBE_VIP_SETTINGS_KEYS, kubeVipModel, KubeVipSettings } from './model';
import { pieceAccepts } from '../config/config-shape';
import { PropsValidator } from '../config/props-validator';
import { describeValue, isList } from '../core/snapshot';
import * as format from '../config/formats';
import {
  arpInterfaceProblem,
  bgpPeerProblems,
  booleanProblem,
  electedControlPlaneVipProblem,
  kubeVipVersionSupport,
  sharedControlPlaneVipProblem,
} from './rules';
import { parseIp } from '../net/ip';
import { VIP_NETWORKS_KEYS, VipNetworks, vipNetworkProblems } from '../load-balancer/vip-networks';
import { kubeVipRules } from './versions';
import { parseVersion } from '../semver';
import { constructArgs } from '../core/construct-args';
import { gateWhatItRenders } from '../output/construct-gate';
import { kubeVipPatchProblems, KubeVipPodSettings } from './daemon-set-patch';

export interface KubeVipDaemonSetProps extends KubeVipSettings {
  /** ServiceAccount the pods run as (needs the kube-vip ClusterRole, see KubeVipRbac). */
  readonly serviceAccountName: string;
  /**
   * The networks `controlPlaneAddress` is judged against, as LoadBalancerService's `ips` are.
   * @default - K3s' default pod and Service networks, a /24 LAN around the VIP (no LAN check under `bgp`)
   */
  readonly networks?: VipNetworks;
}

/**
 * DaemonSet `kube-vip-ds`, field for field what kube-vip's own generator prints with
 * `--inCluster --taint` (kube-vip/kube-vip pkg/kubevip/config_generator.go). Built on the plain `k8s` class, not
 * cdk8s-plus-27's DaemonSet: plus-27 would add non-root, no-token, resource and selector defaults
 * and spell capabilities `CAP_NET_ADMIN` (fixed only from plus-28, cdk8s-team/cdk8s-plus#4267), none of which kube-vip
 * runs with.
 *
 * @throws K3sVipValidationError when a prop is not what the API server or kube-vip accepts
 */
export class KubeVipDaemonSet extends Construct {
  public static readonly NAME = 'kube-vip-ds';

  constructor(scope: Construct, id: string, props: KubeVipDaemonSetProps) {
    super(...constructArgs(scope, id, 'KubeVipDaemonSet'));
    gateWhatItRenders(this);
    // Only the validated snapshot is read from here on: what was checked is what is rendered.
    props = validateKubeVipProps(props);
    const model = kubeVipModel(props);
    const selector = { 'app.kubernetes.io/name': KubeVipDaemonSet.NAME };
    const labels = { ...selector, 'app.kubernetes.io/version': model.version };
    const checked: KubeVipPodSettings = { image: model.image, args: ['manager'], env: model.env.map(toEnvVar), hostNetwork: true };

    const resource = new k8s.KubeDaemonSet(this, 'Resource', {
      metadata: { name: KubeVipDaemonSet.NAME, namespace: 'kube-system', labels },
      spec: {
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            // --taint: run only on control-plane nodes, whichever of the two role labels they carry.
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: KUBE_VIP_NODE_ROLES.map((key) => ({
                    matchExpressions: [{ key, operator: 'Exists' }],
                  })),
                },
              },
            },
            containers: [
              {
                name: 'kube-vip',
                image: checked.image,
                imagePullPolicy: model.imagePullPolicy,
                args: [...checked.args],
                env: model.env.map(toEnvVar),
                securityContext: {
                  capabilities: {
                    add: [...model.capabilities.add],
                    ...(model.capabilities.drop.length ? { drop: [...model.capabilities.drop] } : {}),
                  },
                },
              },
            ],
            hostNetwork: checked.hostNetwork,
            serviceAccountName: props.serviceAccountName,
            tolerations: [
              { effect: 'NoSchedule', operator: 'Exists' },
              { effect: 'NoExecute', operator: 'Exists' },
            ],
          },
        },
      },
    });
    // What was checked is what is deployed: a patch or resolver that changes the settings is refused at synth (71d-11).
    this.node.addValidation({ validate: () => kubeVipPatchProblems(resource, checked) });
  }
}

function toEnvVar(env: EnvVar): k8s.EnvVar {
  if ('value' in env) return { name: env.name, value: env.value };
  if ('fieldPath' in env) return { name: env.name, valueFrom: { fieldRef: { fieldPath: env.fieldPath } } };
  return { name: env.name, valueFrom: { secretKeyRef: { name: env.secret.name, key: env.secret.key } } };
}

/** The props checked and snapshotted; `label` names the construct the user built in each message (KubeVipChart's own, 56b-13). */
export function validateKubeVipProps(given: KubeVipDaemonSetProps, label = 'KubeVipDaemonSet'): KubeVipDaemonSetProps {
  const check = new PropsValidator<KubeVipDaemonSetProps>(label, given, {
    ...KUBE_VIP_SETTINGS_KEYS,
    serviceAccountName: true,
    networks: VIP_NETWORKS_KEYS,
  });
  const props = check.props;
  check
    .requiredText(['version'], props.version, format.version)
    .problem(
      ['version'],
      typeof props.version !== 'string' || format.version(props.version) ? undefined : kubeVipVersionSupport(props.version).error,
    )
    .text(['interface'], props.interface, format.interfaceName)
    .problem(['interface'], typeof props.interface === 'string' && !props.bgp ? arpInterfaceProblem(props.interface) : undefined)
    .text(['controlPlaneAddress'], props.controlPlaneAddress, format.virtualIp)
    .requiredText(['serviceAccountName'], props.serviceAccountName, format.dns1123Subdomain);
  checkShare(check);
  checkVipNetworks(check);
  const { bgp } = props;
  if (bgp !== undefined && (bgp === null || typeof bgp !== 'object' || Array.isArray(bgp))) {
    check.problem(['bgp'], `${describeValue(bgp)}: expected { as, peers, passwordSecret? }`);
  } else if (bgp) {
    check.requiredValue(['bgp', 'as'], bgp.as, 'asNumber');
    const peers = check.list(['bgp', 'peers'], bgp.peers, true);
    if (Array.isArray(bgp.peers) && !peers.length) check.problem(['bgp', 'peers'], 'is empty: list at least one router');
    peers.forEach((peer, i) => {
      if (peer === null || typeof peer !== 'object') check.problem(['bgp', 'peers', i], `${describeValue(peer)}: expected { address, as }`);
      else
        check
          .requiredText(['bgp', 'peers', i, 'address'], peer.address, format.peerIp)
          .requiredValue(['bgp', 'peers', i, 'as'], peer.as, 'asNumber')
          .problem(['bgp', 'peers', i, 'multihop'], booleanProblem(peer.multihop));
    });
    checkPeers(check, peers);
    const secret = bgp.passwordSecret;
    if (secret !== undefined && (secret === null || typeof secret !== 'object' || Array.isArray(secret))) {
      check.problem(['bgp', 'passwordSecret'], `${describeValue(secret)}: expected { name, key } of a Secret in kube-system`);
    } else if (secret) {
      check
        .requiredText(['bgp', 'passwordSecret', 'name'], secret.name, format.secretName)
        .requiredText(['bgp', 'passwordSecret', 'key'], secret.key, format.secretKey);
    }
  }
  const { servicesElection, leaderElection } = props;
  check.problem(['servicesElection'], booleanProblem(servicesElection));
  // In BGP mode every node announces (no election at all), so neither setting would reach kube-vip.
  if (bgp && servicesElection) {
    check.problem(
      ['servicesElection'],
      'is true, but in BGP mode kube-vip elects no leaders: every node with a local endpoint announces a Local Service',
    );
  }
  if (bgp && leaderElection !== undefined) {
    check.problem(['leaderElection'], 'is set, but in BGP mode kube-vip elects no leaders, so it would be ignored: remove it');
  }
  check.value(['leaderElection'], leaderElection, 'leaderElectionSchema');
  if (leaderElection !== undefined && pieceAccepts('leaderElectionSchema', leaderElection)) {
    for (const problem of leaderElectionProblems(leaderElection)) check.problem(['leaderElection', problem.key], problem.message);
  }
  check.throwIfInvalid();
  return props;
}

/**
 * 71b-2: the control-plane VIP placed by the rule every other VIP door applies (load-balancer/vip-networks.ts): not in
 * the pod or Service network, a host address of the LAN. Judged on a valid address; under `bgp` the VIP is routed.
 */
function checkVipNetworks(check: PropsValidator<KubeVipDaemonSetProps>): void {
  const { controlPlaneAddress: text, networks, bgp } = check.props;
  const ip = typeof text === 'string' && !format.virtualIp(text) ? parseIp(text) : undefined;
  const vips = ip ? [{ path: ['controlPlaneAddress'], ip, text: text! }] : [];
  // The mode follows bgp unless the networks say it: a VIP routed over BGP is not on a LAN to be judged against.
  const mode = bgp ? 'bgp' : 'arp';
  const readable = typeof networks === 'object' && networks !== null && !isList(networks);
  const given = networks === undefined ? { mode } : readable ? { ...networks, mode: networks.mode ?? mode } : networks;
  for (const problem of vipNetworkProblems(given, vips)) check.problem(problem.path, problem.message, problem);
}

/**
 * `shareControlPlaneVip`: a boolean; true only with a control-plane VIP to share, and only on a kube-vip
 * with the common lease (the config's shared-VIP rule, sharedControlPlaneVipProblem).
 */
function checkShare(check: PropsValidator<KubeVipDaemonSetProps>): void {
  const { shareControlPlaneVip: share, controlPlaneAddress: address, version } = check.props;
  check.problem(['shareControlPlaneVip'], booleanProblem(share));
  if (share !== true) return;
  if (address === undefined) {
    check.problem(
      ['shareControlPlaneVip'],
      'is true, but there is no controlPlaneAddress to share: set controlPlaneAddress, or remove shareControlPlaneVip',
    );
    return;
  }
  // Judged only on a valid, supported version and address: their own checks report them otherwise.
  if (typeof version !== 'string' || format.version(version) || kubeVipVersionSupport(version).error) return;
  if (typeof address !== 'string' || format.virtualIp(address)) return;
  const parsed = parseVersion(version);
  const shared = sharedControlPlaneVipProblem(address, parsed, kubeVipRules(parsed));
  check.problem(['shareControlPlaneVip'], shared && `is true: a Service VIP ${shared}`);
  // The config's rule under per-Service election (client-ip-rules.ts checkSharedVips), here asked for by the prop.
  if (!shared && check.props.servicesElection === true) {
    check.problem(
      ['shareControlPlaneVip'],
      `is true: a Service VIP ${electedControlPlaneVipProblem(address, 'servicesElection is true')}, or set servicesElection false`,
    );
  }
}

/**
 * The config's rules on the BGP peers that these props can judge (rules.ts bgpPeerProblems): none is the
 * control-plane VIP, none listed twice, IPv6 only where the release reads it. Judged on a valid, supported version.
 */
function checkPeers(check: PropsValidator<KubeVipDaemonSetProps>, peers: readonly unknown[]): void {
  const { version, controlPlaneAddress: address } = check.props;
  if (typeof version !== 'string' || format.version(version) || kubeVipVersionSupport(version).error) return;
  const parsed = parseVersion(version);
  const vip = typeof address === 'string' ? parseIp(address) : undefined;
  const vips = vip ? [{ ip: vip, where: 'controlPlaneAddress' }] : [];
  const valid = peers.map((peer) =>
    peer !== null && typeof peer === 'object' && 'address' in peer && typeof peer.address === 'string' && !format.peerIp(peer.address)
      ? { address: peer.address }
      : {},
  );
  for (const problem of bgpPeerProblems(valid, ['bgp', 'peers'], vips, parsed, kubeVipRules(parsed))) {
    check.problem(problem.path, problem.message);
  }
}
