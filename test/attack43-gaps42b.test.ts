import { gapTexts42b } from '../scripts/hostile-inputs';
import { secretValues } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE, judgesHostileTexts } from './secret-doors';
import { diffOf, falseRefusalTables } from './secret-tables';

/**
 * Round-42 known gaps (gaps42b): an empty default given to an environment read (`os.environ.get("DB_PASSWORD", "")`,
 * `?? ''`, `None`, `nil`) is no secret; a remote named before `user@host` in an rclone/restic argument
 * (`rclone lsd myremote:backup@nas`) holds a user, not a password. Each table is judged at every door at once. A
 * text over 64 kB with a control character before a command-line secret (a hand-edited dist/ file) is read line by
 * line without its control characters, so `npm run check` and `--dry-run` do not show the secret.
 */
const S = 'Hq7pLm2xWv';

const { refusedTable, acceptedTable } = falseRefusalTables(S);

describe('gap 1: an empty default given to an environment read is no secret', () => {
  acceptedTable([
    'password = os.environ.get("DB_PASSWORD", "")',
    'password = os.getenv("DB_PASSWORD", "")',
    "token = os.environ.get('API_TOKEN', None)",
    'password = ENV.fetch("DB_PASSWORD", nil)',
    "password = os.environ.get('DB_PASSWORD', default=None)",
    "DATABASES = {'default': {'PASSWORD': os.environ.get('DB_PASSWORD', ''),}}",
    "'PASSWORD': os.getenv('DB_PASSWORD', ''),",
    'password = env("DB_PASSWORD", null)',
  ]);
  describe('control: accepted before as after', () => {
    acceptedTable([
      "password = os.environ.get('DB_PASSWORD', '')",
      "const password = process.env.DB_PASSWORD ?? ''",
      'const password = process.env.DB_PASSWORD || ""',
      'String password = System.getenv().getOrDefault("DB_PASSWORD", "");',
      "const password = process.env.DB_PASSWORD || '${DB_PASSWORD}'",
      "color = theme.fg || 'red'",
      "if (password == null || 'a' === b) return;",
      'the password is required or "anonymous" is used',
    ]);
  });
  refusedTable([
    ['a literal default given to get()', `password = os.environ.get("DB_PASSWORD", "${S}")`],
    ['a literal default given to getenv()', `password = os.getenv('DB_PASSWORD', '${S}')`],
    ['a literal default given to fetch()', `password = ENV.fetch("DB_PASSWORD", "${S}")`],
    ['a literal default after ??', `const password = process.env.DB_PASSWORD ?? '${S}'`],
    ['a literal default after ||', `password = process.env.DB_PASSWORD || "${S}"`],
    ['a literal default after || in a const', `const password = process.env.DB_PASSWORD || '${S}';`],
    ['a literal default after or', `password = settings.db_password or '${S}'`],
    ['a literal default in an object', `const db = { password: process.env.PW ?? "${S}" };`],
    ['a literal default by name', `password = os.environ.get('DB_PASSWORD', default='${S}')`],
    ['a literal pair ("NAME", "value")', `setPassword("DB_PASSWORD", "${S}")`],
    ['a literal default in a flow pair', `DATABASES = {'default': {'PASSWORD': os.environ.get('DB_PASSWORD', '${S}'),}}`],
    ['an empty argument then a literal', `password = os.environ.get("DB_PASSWORD", "", "${S}")`],
  ]);
});

describe('gap 2: an rclone/restic remote before user@host names a remote, not a user', () => {
  acceptedTable([
    'rclone lsd myremote:backup@nas',
    'rclone copy gdrive:photos@2024 /x',
    'restic -r rclone:nas:user@host/repo',
    'rclone sync /srv/data b2:bucket@archive --fast-list',
    'rclone mount nas:share@home /mnt/nas --daemon',
    'sudo rclone copy s3:logs@2024-01 /var/backup',
    'restic --repo rclone:gdrive:backups@laptop snapshots',
    'RESTIC_REPOSITORY=rclone:nas:backup@host restic snapshots',
  ]);
  refusedTable([
    ['https://user:pw@host after rclone', `rclone copy https://user:${S}@host.example/f /x`],
    ['user:pw@host without a client', `admin:${S}@db.example.com`],
    ['user:pw@host after another client', `git clone admin:${S}@git.example.com`],
    ['rclone sftp with a password', `rclone lsd sftp:backup:${S}@nas`],
    ['restic sftp with a password', `restic -r sftp:backup:${S}@nas:/srv`],
    ['rclone with a password flag', `rclone lsd remote: --sftp-pass ${S}`],
    ['a remote before user:pw@host', `rclone lsd remote:user:${S}@host`],
    ["restic's rclone: prefix after rclone itself", `rclone lsd rclone:admin:${S}@host`],
    ['user:pw@host after rclone in the next command', `rclone version; curl admin:${S}@host.example`],
    ['user:pw@host after rclone on the next line', `rclone version\ncurl admin:${S}@host.example`],
  ]);
});

/** A text over 64 kB: `lines` after 70,000 characters of plain lines. */
const longText = (...lines: string[]): string =>
  [...Array.from({ length: 700 }, (_, i) => `line ${i} ${'a'.repeat(90)}`), ...lines].join('\n');

describe('gap 3: a text over 64 kB with a control character before a command-line secret', () => {
  test.each([
    ['an ESC CSI before mysql -p', `\u001b[0mmysql -p${S}`],
    ['a colored prompt before redis-cli -a', `\u001b[1m$ \u001b[0mredis-cli -a ${S} ping`],
    ['a BEL before mysql', `cd /app; \u0007mysql -uroot -p${S}`],
    ['a NUL before sshpass', `\u0000sshpass -p ${S} ssh h`],
    ['a DEL before redis-cli', `\u007fredis-cli -a ${S}`],
    ['a C1 CSI before mysql', `\u009bmysql -p${S}`],
    ['a NUL before requirepass', `\u0000requirepass ${S}`],
  ])('%s: found, and no diff shows it', (_, line) => {
    const text = longText(line, 'done');
    expect(text.length).toBeGreaterThan(65_536);
    expect(secretValues({ data: { k: text } }).length).toBeGreaterThan(0);
    expect(diffOf(text)).not.toContain(S);
  });
  test('the same line first, before 70,000 characters, is found too', () => {
    expect(diffOf(longText().replace(/^/, `\u001b[0mmysql -p${S}\n`))).not.toContain(S);
  });
  test('control: a long text with colored lines and no secret is found to hold none, its lines shown', () => {
    const text = longText('\u001b[1mhello\u001b[0m world\u0007', 'mysql -p"$DB_PASSWORD"');
    expect(secretValues({ data: { k: text } })).toEqual([]);
    const diff = diffOf(text);
    expect(diff).toContain('\u001b[1mhello\u001b[0m world\u0007');
    expect(diff).toContain('mysql -p"$DB_PASSWORD"');
  });
  test('control: zero-width joiners in a long text are no secret', () => {
    expect(secretValues({ data: { k: longText('family: \u{1f468}\u200d\u{1f469}\u200d\u{1f467}') } })).toEqual([]);
  });
});

describe('hostile texts of the gaps42b readers', () => {
  const rows = gapTexts42b(HOSTILE_TEST_SIZE);
  const longTexts = rows.filter(([name]) => name.endsWith('in a long text'));
  judgesHostileTexts(rows.filter((row) => !longTexts.includes(row)));
  // A long text's control lines are read by the data readers (the config refuses a control character anyway).
  test.each(longTexts)('a long text of %s is read as data', (_, text) => expect(secretValues({ data: { k0: text } })).toEqual([]), 60_000);
});
