import { setsSecret } from './secrets-text';

/**
 * Round 71 (71a-6): a JAAS login configuration's broker users. Kafka's PlainLoginModule reads each user's password from
 * an option `user_<name>="<password>"` (kafka.apache.org/documentation/#security_sasl_plain_brokerconfig; ZooKeeper's
 * DigestLoginModule the same), so there the option's name is the user's and its value the password, which no name
 * rule reads. Only in a text that holds a login module (`…LoginModule required`), judged as a `password` is (a
 * reference such as Kafka's `${file:…}` or a placeholder is none). One pass, each option's pattern bounded: linear.
 */
export const JAAS_USER_PASSWORD = 'a password in a JAAS login module option (`user_<name>="…"`, as Kafka and ZooKeeper read it)';

const USER_OPTION = /(?<![\w.-])user_[\w.@-]{1,128}[ \t]*=[ \t]*("(?:[^"\\\n]|\\.){0,1024}")/dg;

export function jaasUserPasswordSpans(text: string): Array<[number, number]> {
  if (!text.includes('LoginModule') || !text.includes('user_')) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(USER_OPTION)) {
    const [from, to] = match.indices![1]!;
    if (to - from > 2 && setsSecret('password', match[1])) spans.push([from + 1, to - 1]);
  }
  return spans;
}
