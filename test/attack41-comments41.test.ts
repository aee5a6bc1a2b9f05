import { redact, secretShape } from '../src/core/secrets';
import { accepted, configMapOf, configMapOfTexts, diffOf, refusedEverywhere, textRefused } from './secret-tables';
import { shownInDiff } from './secret-doors';

/**
 * Attack round 40a-1, 40a-1b, 40a-3b: a line behind a comment marker (`#`, `;`, `//`, `--`, `::`, `REM`, glued or not) or
 * a Makefile recipe's or batch file's prefix (`@`, `-`, `+`, `!`) is read as the line it leads (line-prefixes.ts): config
 * lines and command lines were written to dist/, in a ConfigMap, in a text extraObjects item, and shown in the diff of
 * `check` and `--dry-run`. Prose comments, references and upstream samples' commented-out examples stay accepted.
 */
const S = 'Hq7pLm2xWv';

describe('40a-1: a commented-out config line or command line is refused as the line is', () => {
  test.each([
    ['a sasl_passwd line after "# "', `# old relay\n# [smtp.example.com]:587 bob:${S}\n[smtp.example.com]:587 bob:\${SMTP_PW}\n`],
    ['a sasl_passwd line after a glued #', `#[smtp.example.com]:587 bob:${S}\n`],
    ['a dovecot passwd-file line', `# bob:{PLAIN}${S}\n`],
    ['a .pgpass line after a glued #', `#db.example.com:5432:app:bob:${S}\n`],
    ['redis.conf requirepass after "# "', `# requirepass ${S}\n`],
    ['redis.conf requirepass after a glued #', `#requirepass ${S}\n`],
    ['redis.conf requirepass after ;', `; requirepass ${S}\n`],
    ['keepalived auth_pass', `vrrp_instance VI_1 {\n  authentication {\n    #auth_pass ${S}\n  }\n}\n`],
    ['sudo -S fed by echo', `#echo ${S} | sudo -S true\n`],
    ['sudo -S fed by a here-string', `#sudo -S true <<< ${S}\n`],
    ['redis-cli -a', `#redis-cli -a ${S}\n`],
    ['docker login -p', `#docker login -u bob -p ${S} r\n`],
    ['docker login --password-stdin', `#echo ${S} | docker login -u bob --password-stdin r\n`],
    ['useradd -p', `#useradd -p ${S} bob\n`],
    ['lftp -u', `#lftp -u bob,${S} h\n`],
    ['net user after a glued #', `#net user bob ${S} /add\n`],
    ['mkpasswd', `#mkpasswd ${S}\n`],
    ['openssl passwd', `#openssl passwd ${S}\n`],
    ['net user after REM', `REM net user bob ${S} /add\n`],
    ['net user after ::', `:: net user bob ${S} /add\n`],
    ['a sasl_passwd line after //', `// [smtp.example.com]:587 bob:${S}\n`],
    ['a dovecot line after --', `-- bob:{PLAIN}${S}\n`],
    ['a block comment', `/* requirepass ${S}\n */\n`],
    ['a block comment on one line', `/* requirepass ${S} */\n`],
    ["a block comment's inner line", `/*\n * requirepass ${S}\n */\n`],
    ['a quoted mail line', `> #echo ${S} | sudo -S true\n`],
    ['a CONNECT in a here-doc after --', `sqlplus /nolog <<EOF\n-- CONNECT system/${S}@orcl\nEOF\n`],
    ['two markers', `# -- requirepass ${S}\n`],
    ['two glued markers', `#;requirepass ${S}\n`],
  ])('%s', (_, text) => textRefused(text, S));
});

describe('40a-3b: a recipe or batch prefix glued to the command', () => {
  test.each([
    ['@curl in a Makefile recipe', `all:\n\t@curl -u bob:${S} https://h\n`],
    ['-mysql in a Makefile recipe', `db:\n\t-mysql -uroot -p${S}\n`],
    ['+redis-cli', `x:\n\t+redis-cli -a ${S} ping\n`],
    ['@- together', `x:\n\t@-sshpass -p ${S} ssh h\n`],
    ['!redis-cli', `!redis-cli -a ${S}\n`],
    ['@net user in a batch file', `@net user x ${S} /add\n`],
    ['@echo piped into sudo -S', `@echo ${S} | sudo -S true\n`],
  ])('%s', (_, text) => textRefused(text, S));
});

describe('40a-1b: the comments of a text extraObjects item', () => {
  const item = (comment: string) =>
    `apiVersion: v1\nkind: ConfigMap\n${comment}\nmetadata:\n  name: x\n  namespace: kube-system\ndata:\n  a: b\n`;
  test.each([
    ['# requirepass', `# requirepass ${S}`],
    ['a sasl_passwd line', `# [smtp.example.com]:587 bob:${S}`],
    ['echo into sudo -S', `#echo ${S} | sudo -S true`],
    ['a dovecot line', `# bob:{PLAIN}${S}`],
  ])('%s is refused', (_, comment) => refusedEverywhere({ extraObjects: [item(comment)] }, S, true));
});

describe('40a-1: check and --dry-run do not show a commented line of a hand-edited file', () => {
  test.each([
    `# bob:{PLAIN}${S}`,
    `# [smtp.example.com]:587 bob:${S}`,
    `#echo ${S} | sudo -S true`,
    `#requirepass ${S}`,
    `\t@curl -u bob:${S} h`,
  ])('%s', (line) => {
    expect(diffOf(`x\n${line}\ny`)).not.toContain(S);
    expect(shownInDiff(`# ${line}`)).not.toContain(S);
    expect(redact(`a\n${line}\n`)).not.toContain(S);
  });
});

describe('prose comments, references, ordinary recipes and upstream samples stay accepted', () => {
  const texts = [
    '# set the password with docker login',
    '# the password is read from the vault',
    'REM the admin password is kept in the vault',
    '-- select * from users;',
    '// TODO: rotate the redis password',
    '# requirepass ${REDIS_PW}',
    '# echo $PW | sudo -S true',
    '#echo "$(cat /run/secrets/pw)" | docker login -u bob --password-stdin r',
    '# curl -u "$USER:$PW" https://h',
    '#!/bin/sh\nset -eu',
    'all:\n\t@echo building\n\t-rm -f out\n\t+$(MAKE) -C sub',
    'push:\n\t@docker login -u bob --password-stdin r < /run/secrets/pw',
    '@echo off\nREM build\n:: done',
    '* * * * * root /usr/bin/backup',
    'sqlplus -s /nolog <<EOF\n@scripts/run.sql\n-- run as app\nEOF',
    '@import url("site.css");\n@app.route("/login")\n! the password is rotated weekly',
    '---\n# a list\n- item\n--flag\n-----BEGIN NOTHING-----',
    '/etc/redis/redis.conf\n#/var/lib/redis',
    // github.com/redis/redis redis.conf and sentinel.conf, their commented-out examples.
    '# tls-key-file-pass secret\n# tls-client-key-file-pass secret\n# masterauth <master-password>\n# masteruser <username>\n# requirepass foobared',
    '#   user worker +@list +@connection ~jobs:* on >ffa9203c493aa99\n# sentinel auth-pass mymaster MySUPER--secret-0123passw0rd',
  ];
  test.each(texts)('%s has no secret shape', (text) => expect(secretShape(text)).toBeUndefined());
  test('all of them are accepted in a ConfigMap', () => accepted(configMapOfTexts(texts)));
  test('a commented-out example of a stock redis.conf in a text extraObjects item', () =>
    accepted({
      extraObjects: [`apiVersion: v1\nkind: ConfigMap\n# requirepass foobared\nmetadata:\n  name: x\n  namespace: kube-system\n`],
    }));
  test('a commented placeholder next to a line that is no comment', () =>
    accepted(configMapOf({ 'redis.conf': '# masterauth <master-password>\nport 6379\n' })));
});
