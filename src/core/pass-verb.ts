/**
 * `pass` is a verb as well as a short name for a password (attack round 52a-18): `pass: through`, `PASS=by` say how
 * something is passed on, a word a password is not. A value of such a word under the bare name `pass` (any case, not
 * `db_pass`) is prose; any other value there (`pass: Qz7v…`, `pass: throughput1`) is still judged as a password.
 */
const PARTICLE = /^(?:through|thru|by|along|over|back|down|up|out|away|around|across|forward|on|off|in|into|onto)$/i;

/** Whether `value` under the key `name` is `pass` used as a verb (above). */
export const isPassVerb = (name: string, value: string): boolean => /^pass$/i.test(name.trim()) && PARTICLE.test(value.trim());
