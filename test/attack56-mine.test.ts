// Round 56b-7: a secret's name glued to its value was read only in a word's first path segment (`/tokenX`,
// `example.com/tokenX`); after another segment (`/api/password_X`, a URL's path, a rule's Path) it was accepted and
// written. glued-secret-names.ts now reads a path of lower-case segments before the name, in any quote or bracket.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { ingressRouteValues } from './rule-doors';

const S = 'Zq8vLm2Rt7Xw9KpQ';
const note = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data: { note: text } }],
});

describe('56b-7: a glued name in any path segment', () => {
  test.each([
    `https://example.com/api/password_${S}`,
    `/api/password${S}`,
    `example.com/api/token${S}`,
    `https://hooks.example.com/services/token-${S}`,
    `see "/v1/hooks/secret-${S}" for the hook`,
  ])('%s', (text) => refusedEverywhere(note(text), 'extraObjects[0].data.note', S));

  test('in an IngressRoute Path rule', () => {
    refusedEverywhere(
      ingressRouteValues(`Host(\`a.example.com\`) && Path(\`/api/token_${S}\`)`),
      'extraObjects[0].spec.routes[0].match',
      S,
    );
  });

  test.each([
    'https://example.com/api/v1/tokens',
    '/api/password-reset/confirm',
    'https://vault.example.com/v1/secret/data/app',
    `aGVsbG8gd29ybGQ/token${S}`,
    'https://example.com/docs/token-refresher-7d9f8',
    'git clone https://github.com/me/password-manager.git',
  ])('control, accepted: %s', (text) => acceptedEverywhere(note(text)));
});
