import { redact, secretValues } from './secrets';

/**
 * A message redactor for `data` that reads its secrets on first use only: most schema checks give no finding, and the
 * secret reader is the costly part (perf77: a third of the pod-container check read secrets for no message).
 */
export function lazyRedactor(data: unknown): (message: string) => string {
  let secrets: string[] | undefined;
  return (message) => redact(message, (secrets ??= secretValues(data)));
}
