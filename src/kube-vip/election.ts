import { KubeVipRules, LeaseTimings } from './versions';

/** kube-vip's leader-election timings (env `vip_leaseduration`, `vip_renewdeadline`, `vip_retryperiod`). */
export interface LeaderElectionSettings {
  /** Seconds a lease stays valid without renewal: how long a dead leader keeps its VIPs at most. */
  readonly leaseDuration: number;
  /** Seconds the leader keeps trying to renew before it gives the VIPs up; shorter than leaseDuration. */
  readonly renewDeadline: number;
  /** Seconds between two attempts to take or renew a lease; renewDeadline must exceed 1.2 times it. */
  readonly retryPeriod: number;
}

/**
 * client-go's leaderelection.JitterFactor: NewLeaderElector refuses a renewDeadline not above
 * 1.2 x retryPeriod, and kube-vip's RunOrDie then panics (kubernetes/client-go
 * tools/leaderelection/leaderelection.go, every release kube-vip v0.5.0 to v1.2.3 builds with).
 */
const JITTER_FACTOR = 1.2;

/** Which timings are wrong, by key, as client-go's NewLeaderElector judges them (whole seconds, each at least 1). */
export function leaderElectionProblems(settings: LeaderElectionSettings): Array<{ key: keyof LeaderElectionSettings; message: string }> {
  const { leaseDuration, renewDeadline, retryPeriod } = settings;
  const problems: Array<{ key: keyof LeaderElectionSettings; message: string }> = [];
  if (renewDeadline >= leaseDuration) {
    problems.push({
      key: 'renewDeadline',
      message:
        `is ${renewDeadline} s, not shorter than leaseDuration (${leaseDuration} s): a leader must give its VIPs up before ` +
        'its lease runs out, or two nodes hold them (client-go refuses it and kube-vip crashes at start): e.g. 5/3/1 or 15/10/2',
    });
  }
  if (renewDeadline <= JITTER_FACTOR * retryPeriod) {
    problems.push({
      key: 'renewDeadline',
      message:
        `is ${renewDeadline} s, not longer than 1.2 x retryPeriod (${formatSeconds(JITTER_FACTOR * retryPeriod)} s): client-go's ` +
        'leader election refuses it and kube-vip crashes at start: e.g. 5/3/1 or 15/10/2',
    });
  }
  return problems;
}

function formatSeconds(seconds: number): string {
  return String(Math.round(seconds * 10) / 10);
}

/** Settings in the shape of the version table's timings. */
export function leaseTimings(settings: LeaderElectionSettings): LeaseTimings {
  return { duration: settings.leaseDuration, renewDeadline: settings.renewDeadline, retryPeriod: settings.retryPeriod };
}

/**
 * The timings an election really runs on: the configured (or the release's default) ones, except for
 * Service elections before v0.5.6, which kube-vip ran on fixed timings.
 */
export function effectiveLease(
  rules: KubeVipRules,
  election: 'control-plane' | 'services' | 'per-service',
  settings?: LeaderElectionSettings,
): LeaseTimings {
  const fixed = rules.fixedServiceLeases;
  if (fixed && election === 'services') return fixed.global;
  if (fixed && election === 'per-service') return fixed.perService;
  return settings ? leaseTimings(settings) : rules.lease;
}

/**
 * Longest time a VIP is unanswered after its holder dies: the lease must expire, then the next
 * candidate's retry takes it (client-go acquires on its RetryPeriod tick).
 */
export function failoverSeconds(lease: LeaseTimings): number {
  return lease.duration + lease.retryPeriod;
}
