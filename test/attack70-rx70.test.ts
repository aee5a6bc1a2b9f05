// Round 70 regex sweep: every regular-expression literal in src/ run over 5,000-character runs. Most flagged ones only
// ever see a short or bounded text, or are sticky and tried at positions a linear scan picks; these rows are the ones a
// config text reached. `strcpy(` then 100,000 blanks took 18 s alone (5.6 s for 20,000 with `node
// --no-regexp-optimization`, against 1.1 s): c-string-copies.ts BUFFER had two runs of blanks side by side
// (`[ \t]*…&?[ \t]*`). A pair's name then 100,000 blanks took 29 s (101 s unoptimized), a content or a `users` value over
// a minute under jest: each cut a comment after it with `[ \t]+#.*$`, tried at every blank (now trailing-comments.ts).
import { secretsInData, secretsInLines } from '../src/core/secrets';
import { redact } from '../src/core/secret-shapes';

const RUN = 100_000;

const judged = (text: string): void => {
  secretsInData({ data: { text } });
  secretsInLines(text);
  redact(text);
};

describe('hostile runs are read in linear time', () => {
  test.each([
    ['blanks after a copy call', `strcpy(${' '.repeat(RUN)}x`],
    ['tabs after a copy call', `strcpy(${'\t'.repeat(RUN)}x`],
    ['blanks after a copy call and an &', `strcpy(&${' '.repeat(RUN)}x`],
    ['blanks after a copy call and a cast', `strcpy((char *)${' '.repeat(RUN)}x`],
    ['blanks after the buffer of a copy call', `strcpy(password${' '.repeat(RUN)}x`],
    ['blanks after a pair name', `- name: DB_PASSWORD${' '.repeat(RUN)}x\n  value: abc`],
    ['blanks after a written file content', `write_files:\n- path: /etc/rancher/k3s/cluster-token\n  content: abc${' '.repeat(RUN)}x`],
    ['blanks after a basic auth users value', `--providers.basicauth.users=admin${' '.repeat(RUN)}x`],
    ['tabs after a basic auth users value', `basicauth.users: admin${'\t'.repeat(RUN)}x`],
  ])('%s', (_, text) => {
    const start = process.cpuUsage();
    judged(text);
    expect(process.cpuUsage(start).user / 1000).toBeLessThan(6000);
  });
});

describe('a comment after a value is still cut', () => {
  test.each([
    ['a pair named like a secret, commented', '- name: DB_PASSWORD   # the database\n  value: Zq8v2Lm4Xr7Tn1Bw9Kd3'],
    [
      'a written file content, commented',
      'write_files:\n- path: /etc/rancher/k3s/cluster-token\n  content: Zq8v2Lm4Xr7Tn1Bw9Kd3  # the token',
    ],
  ])('%s is refused', (_, text) => {
    expect(secretsInLines(text).join('\n')).toContain('Zq8v2Lm4Xr7Tn1Bw9Kd3');
  });
  test.each([['a pair named otherwise, its comment naming a secret', '- name: GREETING # not the password\n  value: hello']])(
    '%s is not',
    (_, text) => {
      expect(secretsInLines(text)).toEqual([]);
    },
  );
});

describe('the rewritten buffer pattern still finds what it found', () => {
  test.each([
    ['a copy', 'strcpy(password, "Zq8v2Lm4Xr7Tn1Bw9Kd3");'],
    ['a copy with blanks', 'strcpy(  password  ,  "Zq8v2Lm4Xr7Tn1Bw9Kd3");'],
    ['a copy into an address', 'memcpy(& password, "Zq8v2Lm4Xr7Tn1Bw9Kd3", 20);'],
    ['a copy into a cast address', 'memcpy((char *) &cfg.password, "Zq8v2Lm4Xr7Tn1Bw9Kd3", 20);'],
    ['a copy into a member', 'strcpy(c->creds . token, "Zq8v2Lm4Xr7Tn1Bw9Kd3");'],
    ['a copy into an indexed buffer', 'strncpy(password [0] , "Zq8v2Lm4Xr7Tn1Bw9Kd3", 32);'],
    ['a copy into an indexed buffer without blanks', 'strncpy(password[0], "Zq8v2Lm4Xr7Tn1Bw9Kd3", 32);'],
  ])('%s is refused', (_, text) => {
    expect(secretsInData({ data: { text } }).length).toBeGreaterThan(0);
  });
  test.each([
    ['a copy from a variable', 'strcpy(password, input);'],
    ['a copy into a buffer named otherwise', 'strcpy(greeting, "Zq8v2Lm4Xr7Tn1Bw9Kd3");'],
  ])('%s is not', (_, text) => {
    expect(secretsInData({ data: { text } })).toEqual([]);
  });
});
