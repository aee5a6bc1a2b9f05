import { show, tooLong } from './shown-values';
import { lookAlikeAdvice } from './look-alike';

/**
 * A NIC name as real interfaces spell them (eth0, enp1s0, bond0.100, wlan_1): the kernel would take almost anything (net/core/dev.c
 * dev_valid_name), but the name also lands in kube-vip's env and in the runbook's shell commands, so shell and Markdown characters
 * and a leading "-" (an option) are refused.
 */
export const interfaceName = (value: string): string | undefined => {
  if (value.length === 0) return 'an interface name must not be empty; omit the key to let kube-vip detect the interface';
  const long = tooLong(value, 15, ' in a Linux interface name');
  if (long) return long;
  if (value === '.' || value === '..') return `${show(value)} is not a valid Linux interface name: not "." or ".."`;
  // kube-vip reads it from the env var vip_interface, and Kubernetes expands `$(NAME)` in env values.
  if (value.includes('$(')) {
    return (
      `${show(value)} contains "$(", which Kubernetes expands as a variable reference in kube-vip's env (vip_interface): ` +
      'rename the interface'
    );
  }
  const allowed = 'letters, digits, ".", "_", "@" and "-", starting with a letter or digit (e.g. "eth0", "enp1s0", "bond0.100")';
  const bad = [...value].find((c) => !/[A-Za-z0-9._@-]/.test(c));
  const lookAlike = lookAlikeAdvice(value); // 80a-9: "\u0435th0"
  if (bad !== undefined)
    return lookAlike ? `${show(value)}: ${lookAlike}` : `${show(value)} contains ${show(bad)}: an interface name may hold ${allowed}`;
  if (!/^[A-Za-z0-9]/.test(value)) return `${show(value)} starts with ${show(value[0])}: an interface name may hold ${allowed}`;
  return undefined;
};
