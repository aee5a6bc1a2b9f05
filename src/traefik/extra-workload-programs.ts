import { isMap } from '../core/is-map';
import { podSpecs } from './extra-object-rules';

/**
 * What the containers of an `extraObjects` workload run, when it is a program that takes over what this tool manages
 * (extra-object-takeovers.ts): a VIP announcer other than kube-vip, a second Traefik, or a deployer that installs
 * manifests or a Helm release from inside the cluster. Judged by the image's name (any registry, owner, tag or digest)
 * and, for the deployers, by the command line the container runs.
 */

type Values = Readonly<Record<string, unknown>>;

/** A program found in a container: what it is, its container's path below the item, and what shows it (never the command's text). */
export interface FoundProgram {
  readonly program: Program;
  readonly at: Array<string | number>;
  /** `image "osixia/keepalived:2.0.20"`, or the two command words `helm upgrade`. */
  readonly shown: string;
}

export type Program = 'announcer' | 'traefik' | 'deployer';

/** An image reference's last path segment (without tag or digest) and the segment before it (its owner). */
function imageName(image: string): { readonly name: string; readonly owner: string } {
  const segments = image.trim().toLowerCase().split('@')[0].split('/');
  const name = segments.pop()?.split(':')[0] ?? '';
  return { name, owner: segments.pop() ?? '' };
}

/**
 * The VIP and load-balancer announcers' images besides kube-vip's (extra-object-rules.ts judges those):
 * keepalived (osixia/docker-keepalived `osixia/keepalived`, and the other builds named keepalived), MetalLB's speaker
 * and controller (metallb/metallb charts/metallb/values.yaml v0.14.8: `quay.io/metallb/speaker`, `.../controller`;
 * Bitnami's `bitnami/metallb-speaker`), K3s' ServiceLB (k3s-io/k3s pkg/cloudprovider/servicelb.go v1.31:
 * `rancher/klipper-lb`, and Rancher's mirror `mirrored-klipper-lb`), OpenELB (openelb/openelb deploy/openelb.yaml:
 * `kubesphere/openelb` and its `openelb-*` components; its VIP mode runs `kubesphere/kube-keepalived-vip`) and PureLB (gitlab.com/purelb/purelb:
 * `registry.gitlab.com/purelb/purelb/allocator` and `/lbnodeagent`). An image named as a Prometheus exporter (`<name>_exporter`,
 * prometheus.io/docs/instrumenting/writing_exporters "Naming"; `mehdy/keepalived-exporter`, `gen2brain/keepalived_exporter`)
 * only reads the program's state for metrics: it announces nothing (82a-13).
 */
function announcerImage({ name, owner }: { name: string; owner: string }): boolean {
  if (/[-_]exporter$/.test(name)) return false;
  if (/(^|[-_])keepalived([-_]|$)/.test(name)) return true;
  if (owner === 'metallb' || /^metallb-(speaker|controller)$/.test(name)) return true;
  if (name === 'klipper-lb' || name === 'mirrored-klipper-lb') return true;
  if (/^openelb(-[a-z]+)?$/.test(name)) return true;
  return owner === 'purelb' && (name === 'allocator' || name === 'lbnodeagent');
}

/**
 * Traefik's images: the official `traefik` (docker.io/traefik, docker.io/library/traefik, any mirror that keeps the
 * name), Rancher's mirror that K3s deploys (k3s-io/k3s manifests/traefik.yaml: `rancher/mirrored-library-traefik`), and
 * Traefik Labs' other builds of the proxy (86b-2): Traefik Hub's API gateway, which the chart itself deploys in place of
 * `traefik` when `hub.token` is set (traefik/traefik-helm-chart traefik/templates/_helpers.tpl:
 * `ghcr.io/traefik/traefik-hub`), and Traefik Enterprise (`traefik/traefikee`, also written `traefik-ee`).
 */
const TRAEFIK_IMAGES = new Set(['traefik', 'mirrored-library-traefik', 'traefik-hub', 'traefikee', 'traefik-ee']);
const traefikImage = ({ name }: { name: string }): boolean => TRAEFIK_IMAGES.has(name);

/**
 * Images with no ENTRYPOINT, whose `args` are the process when the container gives no `command` (Kubernetes "Define a
 * Command and Arguments": args replace the image's CMD; docker-library/official-images library/busybox, alpine, debian,
 * ubuntu, fedora, almalinux, rockylinux, amazonlinux: CMD a shell, no ENTRYPOINT).
 */
const NO_ENTRYPOINT = new Set(['busybox', 'alpine', 'debian', 'ubuntu', 'fedora', 'almalinux', 'rockylinux', 'amazonlinux']);
export const runsArgsAsCommand = (image: unknown): boolean => typeof image === 'string' && NO_ENTRYPOINT.has(imageName(image).name);

/** helm-controller's job image, whose entrypoint installs or upgrades a chart (k3s-io/klipper-helm entry script). */
const releaseJobImage = ({ name }: { name: string }): boolean => name === 'klipper-helm' || name === 'mirrored-klipper-helm';

/**
 * The program an image starts when the container gives no `command`: `alpine/helm` (ENTRYPOINT ["helm"]),
 * `bitnami/kubectl`, `rancher/kubectl` and `lachlanevenson/k8s-kubectl` (ENTRYPOINT kubectl).
 */
function entrypointOf({ name }: { name: string }): string | undefined {
  if (name === 'helm') return 'helm';
  return name === 'kubectl' || name === 'k8s-kubectl' ? 'kubectl' : undefined;
}

/** The subcommands that install or change objects: `helm install|upgrade`, `kubectl apply|create|replace|patch`. */
const DEPLOYING: Readonly<Record<string, readonly string[]>> = {
  helm: ['install', 'upgrade'],
  kubectl: ['apply', 'create', 'replace', 'patch'],
};

/** kubectl's and helm's global flags that take the next word as their value when written without `=`. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--cluster', '--user', '--kube-context']);

/**
 * The first deploying command in a command line (`sh -c` scripts included: the line is split into simple commands at
 * `;`, `&&`, `||`, `|`, `&`, newlines, parentheses and backquotes), as its two words: `helm upgrade`, `kubectl apply`.
 */
export function deployingCommand(line: string): string | undefined {
  for (const simple of line.split(/&&|\|\||[;|&\n()`]|\$\(/)) {
    const words = simple
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/^["']+|["']+$/g, ''));
    for (const [i, word] of words.entries()) {
      const program = word.split('/').pop() ?? '';
      if (!Object.hasOwn(DEPLOYING, program)) continue;
      let j = i + 1;
      while (j < words.length && words[j].startsWith('-')) j += VALUE_FLAGS.has(words[j]) ? 2 : 1;
      if (DEPLOYING[program].includes(words[j])) return `${program} ${words[j]}`;
    }
  }
  return undefined;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** What one container runs, if it is one of the programs. */
export function containerProgram(container: Values): Omit<FoundProgram, 'at'> | undefined {
  const image = typeof container.image === 'string' ? container.image : '';
  const name = imageName(image);
  const shown = `image ${JSON.stringify(image)}`;
  if (image && announcerImage(name)) return { program: 'announcer', shown };
  if (image && traefikImage(name)) return { program: 'traefik', shown };
  if (image && releaseJobImage(name)) return { program: 'deployer', shown };
  const command = Array.isArray(container.command) ? strings(container.command) : [entrypointOf(name) ?? ''];
  const words = deployingCommand([...command, ...strings(container.args)].join(' '));
  return words ? { program: 'deployer', shown: `\`${words}\`` } : undefined;
}

/** The first container of a workload item that runs one of the programs (init, regular and ephemeral containers). */
export function workloadProgram(item: Values): FoundProgram | undefined {
  for (const { spec, at } of podSpecs(item)) {
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      const containers = Array.isArray(spec[list]) ? spec[list] : [];
      for (const [i, container] of containers.entries()) {
        const found = isMap(container) ? containerProgram(container) : undefined;
        if (found) return { ...found, at: [...at, list, i] };
      }
    }
  }
  return undefined;
}

/** The labels of a workload item's pods (a Pod's own, a template's, a CronJob's job template's). */
export function workloadPodLabels(item: Values): Values {
  const spec = isMap(item.spec) ? item.spec : {};
  const metadataLabels = (holder: unknown): Values =>
    isMap(holder) && isMap(holder.metadata) && isMap(holder.metadata.labels) ? holder.metadata.labels : {};
  if (item.kind === 'Pod') return metadataLabels(item);
  if (isMap(spec.template)) return metadataLabels(spec.template);
  const job = isMap(spec.jobTemplate) && isMap(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
  return metadataLabels(job.template);
}
