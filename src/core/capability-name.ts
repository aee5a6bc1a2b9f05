/**
 * Why a Linux capability name in a container's `securityContext.capabilities.add`/`drop` does not do what it says, else
 * undefined: Kubernetes names have no `CAP_` prefix, because the container runtime adds one (containerd's CRI
 * `WithCapabilities`: `"CAP_" + strings.ToUpper(c)`, "Capabilities in CRI doesn't have `CAP_` prefix, so add it"; cri-o
 * likewise), so `CAP_NET_ADMIN` (any case) becomes `CAP_CAP_NET_ADMIN`, which does not exist and grants nothing.
 * `show` renders a value for the message.
 */
export function capabilityPrefixProblem(value: string, show: (text: string) => string): string | undefined {
  if (!value.toUpperCase().startsWith('CAP_')) return undefined;
  // A long name's fix names no size the user could write.
  const rest = show(value.slice(4));
  const fix = rest.startsWith('"') ? `write ${rest}` : 'write it without the leading CAP_';
  return (
    `is ${show(value)}; Kubernetes capability names have no CAP_ prefix (the container runtime adds one, making ` +
    `${show(`CAP_${value.toUpperCase()}`)}, which does not exist): ${fix}`
  );
}
