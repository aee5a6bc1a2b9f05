/**
 * 86a-4: a CronJob's `schedule` and `timeZone` as the API server takes them on create (kubernetes/kubernetes
 * pkg/apis/batch/validation/validation.go, v1.27 to v1.35: validateScheduleFormat parses with robfig/cron v3
 * ParseStandard, then refuses TZ= or CRON_TZ= in a new schedule; validateTimeZone loads the zone with Go's
 * time.LoadLocation). The parser follows robfig/cron v3.0.1 parser.go: five fields (minute, hour, day of month, month,
 * day of week), each a comma list of `*`, `?`, a value or a range with an optional `/step`, month and weekday names,
 * and the descriptors @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly and `@every <duration>`.
 */

const FIELDS: ReadonlyArray<{ readonly name: string; readonly min: number; readonly max: number; readonly names?: readonly string[] }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
/** Go's time.ParseDuration: one or more decimal numbers, each with a unit. */
const GO_DURATION = /^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/;

/**
 * Why robfig/cron's ParseStandard refuses `schedule`, in its words, or undefined when it parses. 87b-3: Parser.Parse takes
 * the schedule as written: only a TZ=/CRON_TZ= zone's rest is trimmed, a descriptor is matched whole (`"@daily "` is
 * unknown), and fields are split on blanks (`" @daily"` is one field; `" 0 3 * * * "` five).
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  if (schedule === '') return 'empty spec string';
  let spec = schedule;
  // ParseStandard itself takes a leading TZ=/CRON_TZ= zone; the API server refuses it after (timeZoneInSchedule).
  const zone = /^(?:CRON_TZ|TZ)=(\S*)\s*/.exec(spec);
  if (zone) spec = spec.slice(zone[0].length).trimEnd();
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.includes(spec)) return undefined;
    const every = /^@every (.*)$/.exec(spec);
    if (every) return GO_DURATION.test(every[1]) && every[1] !== '.' ? undefined : `failed to parse duration ${spec}`;
    return `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (const [i, field] of fields.entries()) {
    for (const part of field.split(',')) {
      const problem = rangeProblem(part, FIELDS[i]);
      if (problem) return `${problem} (the ${FIELDS[i].name} field)`;
    }
  }
  return undefined;
}

/** robfig/cron getRange: `*` or `?`, a value, or `a-b`, each with an optional `/step`. */
function rangeProblem(expr: string, field: (typeof FIELDS)[number]): string | undefined {
  const [range, step, ...more] = expr.split('/');
  if (more.length) return `too many slashes: ${expr}`;
  const [low, high, ...rest] = range.split('-');
  if (rest.length) return `too many hyphens: ${expr}`;
  const star = range === '*' || range === '?';
  const start = star ? field.min : value(low, field);
  const end = star ? field.max : high === undefined ? (step !== undefined ? field.max : start) : value(high, field);
  if (typeof start === 'string') return start;
  if (typeof end === 'string') return end;
  if (step !== undefined) {
    const by = /^[0-9]+$/.test(step) ? Number(step) : NaN;
    if (Number.isNaN(by)) return `failed to parse int from ${step}`;
    if (by === 0) return `step of range should be a positive number: ${expr}`;
  }
  if (start < field.min) return `beginning of range (${start}) below minimum (${field.min}): ${expr}`;
  if (end > field.max) return `end of range (${end}) above maximum (${field.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return undefined;
}

/** A field's number, or its name (case-insensitive): robfig/cron parseIntOrName. */
function value(text: string, field: (typeof FIELDS)[number]): number | string {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (field.name === 'month' ? 1 : 0);
  return /^[0-9]+$/.test(text) ? Number(text) : `failed to parse int from ${text}`;
}

/**
 * Why Go's time.LoadLocation refuses `zone` (validateTimeZone), or undefined. Node's ICU zone data (Intl.DateTimeFormat)
 * stands in for the tz database of the API server's Go: close enough, as both follow IANA's, but ICU matches names in
 * any case, Go only as written, so a name ICU takes that differs from the canonical one only in case is refused.
 */
export function timeZoneProblem(zone: string): string | undefined {
  if (zone === '') return 'timeZone must be nil or non-empty string';
  if (zone.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  // validTimeZoneCharacters, per component: IANA's naming rules, which also keep out ICU's offset zones such as "+05:00".
  const badPart = zone
    .split('/')
    .some((part) => part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part));
  if (badPart) return `unknown time zone ${zone}`;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return `unknown time zone ${zone}`;
  }
  const caseOnly = canonical !== zone && canonical.toLowerCase() === zone.toLowerCase();
  return caseOnly ? `unknown time zone ${zone} (Go's zone names are case-sensitive: ${canonical})` : undefined;
}
