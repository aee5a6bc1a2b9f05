import { printable } from './core/problem';
import { typoDistance } from './core/closest';
import { argumentSecrets, redactMessage } from './core/redact-message';

/**
 * `npm run <script> --flag value` without the `--`: npm keeps `--flag` for itself, sets
 * `npm_config_<flag>` (`true` for `--flag value`, whose value it passes on as a bare argument, or
 * `value` for `--flag=value`) and passes the rest on. This tells the user what to type instead.
 */
export interface NpmFlags {
  /** The npm script, as in `npm run <script>`. */
  readonly script: string;
  /** Flags that take a value, each with its placeholder for the advice. */
  readonly valued: ReadonlyArray<readonly [flag: string, placeholder: string]>;
  /**
   * Flags without a value.
   * @default []
   */
  readonly booleans?: readonly string[];
  /**
   * How many leading bare arguments are the command's own (`npm run new <name>`), not flag values.
   * @default 0
   */
  readonly positionals?: number;
}

/** The one-line advice when npm took some of the command's flags (`npm took --from for itself: write ...`), or undefined. */
export function npmSwallowedFlags(args: readonly string[], env: NodeJS.ProcessEnv, flags: NpmFlags): string | undefined {
  const given = (flag: string) => args.some((arg) => arg === `--${flag}` || arg.startsWith(`--${flag}=`));
  const firstFlag = args.findIndex((arg) => arg.startsWith('-'));
  const bare = args.slice(0, firstFlag === -1 ? args.length : firstFlag);
  const own = bare.splice(0, flags.positionals ?? 0);
  const rest = args.slice(own.length + bare.length);
  const taken: string[] = [];
  const typed: string[] = [];
  for (const [flag, placeholder] of flags.valued) {
    const value = env[`npm_config_${flag.replace(/-/g, '_')}`];
    if (value === undefined || given(flag)) continue;
    taken.push(`--${flag}`);
    typed.push(`--${flag}`, value === 'true' ? (bare.shift() ?? placeholder) : value);
  }
  for (const flag of flags.booleans ?? []) {
    if (env[`npm_config_${flag.replace(/-/g, '_')}`] !== 'true' || given(flag)) continue;
    taken.push(`--${flag}`);
    typed.push(`--${flag}`);
  }
  if (!taken.length) return undefined;
  const names = taken.length === 1 ? taken[0] : `${taken.slice(0, -1).join(', ')} and ${taken.at(-1)}`;
  // The arguments are echoed: a pasted token must not be.
  return redactMessage(
    `npm took ${names} for itself: write \`npm run ${flags.script} -- ${[...own, ...bare, ...rest, ...typed].map(printable).join(' ')}\``,
    argumentSecrets(args, env),
  );
}

/**
 * The command line of a command that takes no options: `--help` or `-h` prints `help` on stdout and
 * gives exit code 0; anything else is refused in one line (exit code 1). Undefined: run the command.
 */
export function optionless(args: readonly string[], help: string, script: string): number | undefined {
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (!args.length) return undefined;
  process.stderr.write(
    `error: npm run ${script} takes no arguments, but got ${redactMessage(args.map(printable).join(' '), argumentSecrets(args))}; nothing was done (\`npm run ${script} -- --help\`)\n`,
  );
  return 1;
}

/**
 * 78b-5: a flag npm took for itself that the command does not have, misspelt (`npm run new home --fro=ha`) or another
 * command's (`--dry-run`): npm drops it, so the command would run as if it were not typed. Read from the
 * `npm_config_<flag>` npm sets: a name one letter from one of the command's `valued` flags (two from a long one), or
 * one of `others`. Undefined when there is none; npm's own settings (`npm_config_cache`, ...) are none of these.
 */
export function npmStrayFlag(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  flags: NpmFlags & { readonly others: ReadonlyArray<readonly [flag: string, why: string]> },
): string | undefined {
  for (const variable of Object.keys(env).filter((name) => name.startsWith('npm_config_'))) {
    const flag = variable.slice('npm_config_'.length).replace(/_/g, '-');
    const limit = flag.length > 6 ? 2 : 1;
    const near = (name: string) => Math.abs(name.length - flag.length) <= limit && typoDistance(flag, name) <= limit;
    // Another command's flag, or a slip of one (`--dryrun`).
    const other = flags.others.find(([name]) => near(name));
    if (other) return `npm took --${flag} for itself, and npm run ${flags.script} has no --${other[0]}: ${other[1]}; nothing was written`;
    const meant = flags.valued.map(([name]) => name).find((name) => name !== flag && near(name));
    if (!meant) continue;
    // `--fro ha` leaves `ha` among the bare arguments, after the command's own ones; `--fro=ha` gives it in the variable.
    const rest = [...args];
    const taken = env[variable] === 'true' ? rest.splice(flags.positionals ?? 0, 1) : [env[variable] ?? ''];
    const typed = [...rest, `--${meant}`, ...taken].map(printable).join(' ');
    return redactMessage(
      `npm took --${flag} for itself, and npm run ${flags.script} has no --${flag}: did you mean --${meant}? write \`npm run ${flags.script} -- ${typed}\`; nothing was written`,
      argumentSecrets(args, env),
    );
  }
  return undefined;
}
