// Round 68a-15 and 68a-16: YAML's null `~` under a secret name sets no secret (as `null` does); a text's line is
// headed by what that line sets, not by the whole text's first finding on another line.
import { configErrors, withTraefikValues } from './helpers';

const notes = (data: Record<string, string>) =>
  withTraefikValues({ extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data }] });

describe('68a-15: `~` is no secret', () => {
  test.each(['password: ~', 'PASSWORD=~', 'password: null', 'token: ~'])('%s passes', (text) => {
    expect(configErrors(notes({ c: text }))).toEqual([]);
  });
  test.each(['password: ~x9', 'password: swordfish~'])('%s is still refused', (text) => {
    expect(configErrors(notes({ c: text })).join('\n')).toContain('traefik.values.extraObjects[0].data.c: holds');
  });
});

describe('68a-16: each line of a text is headed by its own finding', () => {
  test('a prose password on line 1, an SQL*Plus logon on line 2', () => {
    const errors = configErrors(notes({ c: 'the password is swordfish\nCONNECT scott/tiger' }));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/data\.c: holds a password in prose right after a label that names it .*, on its line 1, /);
    expect(errors[0]).not.toContain('SQL*Plus');
    expect(errors[1]).toContain('data.c: holds a password in an SQL*Plus logon (CONNECT user/…), on its line 2, ');
    expect(errors.join('\n')).not.toMatch(/swordfish|tiger/);
  });
  test('the other order keeps each its own heading', () => {
    const errors = configErrors(notes({ c: 'CONNECT scott/tiger\nthe password is swordfish' }));
    expect(errors[0]).toContain('data.c: holds a password in an SQL*Plus logon (CONNECT user/…), on its line 1');
    expect(errors[1]).toMatch(/data\.c: holds a password in prose right after a label .*, on its line 2, /);
  });
  test('the logon kind says no word a redaction would take for a password', () => {
    const errors = configErrors(notes({ c: 'CONNECT scott/tiger', d: 'password: ~' }));
    expect(errors).toEqual([expect.stringContaining('data.c: holds a password in an SQL*Plus logon (CONNECT user/…), and dist/')]);
  });
});
