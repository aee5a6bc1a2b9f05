// Round 59 (59a-5, 59a-6, 59b-6, 59b-9): gzip data as base64 (`H4sI…`) in a ConfigMap was written unread; a base64
// PKCS#12 keystore holding a key, and a minisign or signify secret key file, were no private key to the gate; a glued
// `password-<generated>` followed by `@word`, `!word` or `%word` (a Traefik provider suffix) was written to dist
// though messages blanked it; a YAML alias bomb in a text value was written unless another line named a secret. Each is
// refused at every door (config, K3sVipCluster, TraefikHelmChartConfig, the write gate), naming the key path and never
// the secret; ordinary neighbours (secret-free gzip, a truststore, a certificate, `password-reset@file`, anchors) pass.
import { gzipSync } from 'node:zlib';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { valuesDoors } from './helpers';

const S = 'Zq8vT3kP9mX2wL7rQ';
const configMap = (data: Record<string, string>, binaryData?: Record<string, string>) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data, ...(binaryData && { binaryData }) },
  ],
});
const gz = (text: string | Buffer) => gzipSync(text).toString('base64');
const joined = (values: unknown) =>
  [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values), ...valuesDoors.gate(values)].join('\n');

describe('59a-5: gzip data as base64 is inflated and judged', () => {
  const refused: Array<[string, string]> = [
    ['binaryData, YAML with a password', gz(`db:\n  password: ${S}\n`)],
    ['an env file', gz(`DB_PASSWORD=${S}\n`)],
    ['a flag', gz(`--token=${S}`)],
    ['gzip inside gzip', gz(gz(`password: ${S}\n`))],
    ['a stream cut before its trailer is judged as far as it inflates', gzipSync(`password: ${S}\n`).subarray(0, -8).toString('base64')],
  ];
  test.each(refused)('binaryData: %s', (_, run) => {
    refusedEverywhere(configMap({}, { 'config.gz': run }), 'extraObjects[0].binaryData["config.gz"]', S);
    expect(joined(configMap({}, { 'config.gz': run }))).not.toContain(run);
  });
  test.each(refused)('data: %s', (_, run) => {
    refusedEverywhere(configMap({ 'config.gz': run }), 'extraObjects[0].data["config.gz"]', S);
  });

  test.each([
    ['inflates past 1 MiB', gz(Buffer.alloc(2 * 1024 * 1024, 'a'))],
    ['inflates past 100 times its size', gz('abc\n'.repeat(50_000))],
  ])('refused as data the gate cannot read: %s', (_, run) => {
    const message = joined(configMap({}, { 'big.gz': run }));
    expect(message).toContain('extraObjects[0].binaryData["big.gz"]');
    expect(message).toContain('gzip data the gate cannot read whole');
    expect(message).not.toContain(run.slice(0, 40));
  });

  test('a ninth gzip run of one text is not read, so it is refused', () => {
    const text = Array.from({ length: 9 }, (_, i) => gz(`line ${i}\n`)).join('\n');
    expect(joined(configMap({ runs: text }))).toContain('gzip data the gate cannot read whole');
  });

  test.each([
    ['an nginx config', gz('server {\n  listen 80;\n  location / { proxy_pass http://web:80; }\n}\n')],
    ['YAML without a secret', gz('replicas: 3\nimage: nginx:1.27\npassword_min_length: 12\n')],
    [
      'a log that compresses 7 times',
      gz(Array.from({ length: 400 }, (_, i) => `GET /item/${i} 200 ${(i * 37) % 1000} "curl/8.0"\n`).join('')),
    ],
  ])('control, accepted: %s', (_, run) => {
    acceptedEverywhere(configMap({}, { 'x.gz': run }));
  });

  test('control, accepted: a damaged stream (nothing a reader takes)', () => {
    acceptedEverywhere(configMap({ 'x.gz': `H4sIAAAAAAAAA${'A'.repeat(40)}` }));
  });
});

const P12_WITH_KEY =
  'MIIDHAIBAzCCAtIGCSqGSIb3DQEHAaCCAsMEggK/MIICuzCCAdwGCSqGSIb3DQEHAaCCAc0EggHJMIIBxTCCAcEGCyqGSIb3DQEMCgEDoIIBiTCCAYUGCiqGSIb3DQEJFgGgggF1BIIBcTCCAW0wggEToAMCAQICFCcrw2DccQF8P4xvKiBf50mCmL3eMAoGCCqGSM49BAMCMAwxCjAIBgNVBAMMAXQwHhcNMjYxMjA2MDE1MzA5WhcNMjYxMjA3MDE1MzA5WjAMMQowCAYDVQQDDAF0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEcp2wJfFhVC1J4LqJqrGmVmqcPPqJ9+pHs3UHOemr2WZYYRts8Ub/Z7fEHbE317OYbnRg53y1xw16iqDtf75KBqNTMFEwHQYDVR0OBBYEFDOPWGAtuH+KKj4nQ7+ln0Zd5oGWMB8GA1UdIwQYMBaAFDOPWGAtuH+KKj4nQ7+ln0Zd5oGWMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgA2f4LOwDzGozSDEdgnR81RKxO1LcijyPNJ8rwW3k0n4CIQCNz4jyZyegn2eNIKjqRY6xqB9hG7RfBswfhIu7FCEEYDElMCMGCSqGSIb3DQEJFTEWBBQKExl9NXGGgF4ngiXXWz12KifOXjCB2AYJKoZIhvcNAQcBoIHKBIHHMIHEMIHBBgsqhkiG9w0BDAoBAaCBijCBhwIBADATBgcqhkjOPQIBBggqhkjOPQMBBwRtMGsCAQEEIH764wLdDbfHBQk9Nvzf6vZbmKcGhOvbChINbOtXjgAgoUQDQgAEcp2wJfFhVC1J4LqJqrGmVmqcPPqJ9+pHs3UHOemr2WZYYRts8Ub/Z7fEHbE317OYbnRg53y1xw16iqDtf75KBjElMCMGCSqGSIb3DQEJFTEWBBQKExl9NXGGgF4ngiXXWz12KifOXjBBMDEwDQYJYIZIAWUDBAIBBQAEIG6nnlXN8gjA/Jxded7CqwcbiGGrKjcV+V+oP1V3EUIbBAgGBRboBcdLkgICCAA=';
const P12_SHROUDED_KEY =
  'MIID/AIBAzCCA7IGCSqGSIb3DQEHAaCCA6MEggOfMIIDmzCCAlIGCSqGSIb3DQEHBqCCAkMwggI/AgEAMIICOAYJKoZIhvcNAQcBMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAitirImz+g+BgICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEMoiE5ixkZeEBWlBd8LpDBmAggHQ8oEfQc9W7Yeq7m3gRs8Facq9oNtIb0sfRomEPHj3OMH1r20VqqoV9DguRFzN2IR2tpncYU1l0BlW+Y10WSJ8YJ79JkKr+LQUm1sx2OLA5iI48W06Dk3FQCfT6rMNpoo7tdEPvwCs2+e9hrv+4XHlclfGoL5T2FB38MZcbGXfoe/gIWwAm2jrO6vDx+GA6gPFokLbZfapMgNLmQntOQer0jnPJphfBYMTqpz3S3ff1HTLRTZqXwTsHBBTQMMMT1JQEtApoK0WqiWNtzvtOr55ZQu2x9KUC4cDF+xjcgyOhp6bkLewzIx96qi6W/z6OXPf/hyyZH8WZb7bAGGpX45e1SeIqC0kHjQ/ehbMKr2KoFt1VhzqISfrvY1OCezD+904utJl4RPzm5jxtEabIlJaaYPSLbYEhGr5s7KNCQlCpERErMr2/JOK0ZpQ/DbrHDh5MgJw/yiIfUQFnN7FVAQg3WF0+/xIUQYffE2Fu8H0Cpr5q6ZJA+wECFt/uY/GauqLyHdf99/epxrQ9PLRCly6WFxPW/oY7m6Ly3OLmc4Mnxq/MwDpeeuKo3QbLoUV5LJYr5bH71gppzg0hSJoigpqMbUQK9A+kiWJ8lXU3s7xmrgwggFBBgkqhkiG9w0BBwGgggEyBIIBLjCCASowggEmBgsqhkiG9w0BDAoBAqCB7zCB7DBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI2s/uu0gz2xACAggAMAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBAnjCcbGCfgPptlX0v8VmLCBIGQzyxEuH413X6xgkYlachzHW4h/Q34uVLFmZzfS4x6fnSpHFrWXnxopvkyYaycldP1AxARPmMzRHCAF3B8Ek7az7AaQ7s5xabjPaukx6IUs7JAkW3THkZySYv63IyjQ5ArDppLN370PaGFyiv/H3WfjtUmjUtGdUAlpQP3Gu2jK/7gyAKC27HbGO117CHHOMN9MSUwIwYJKoZIhvcNAQkVMRYEFPmgvzbQl/B4OoOUJIgl2xePmzAFMEEwMTANBglghkgBZQMEAgEFAAQgxm7LQKusAAbAt9TaQDdmaThtBjQ1Omz6Ny5KzOeujDMECKFlUHeRFmA6AgIIAA==';
const P12_TRUSTSTORE =
  'MIIClwIBAzCCAk0GCSqGSIb3DQEHAaCCAj4EggI6MIICNjCCAjIGCSqGSIb3DQEHBqCCAiMwggIfAgEAMIICGAYJKoZIhvcNAQcBMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAi+B+yIkclxAQICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEELZmTaagA+vniqK6MN+LNe6AggGwfg9uNbQgcZViOvgouCuWO3RpOGUVpR6PH/r97btN74fLm5pEcWpTiwx1EzMI6u1EiZRYGGZnOJxqVithAxNbDObO9spfgQe8pwbTLVZ3/aQq8+bxaAJ0Nh+wcebEKCo9yPZb5P/1u/vvozq485shHMcieLU3sCTTqX9Z9U5SuR+bZglTSBDjKBmSyIEE8HDbA/WR13z1OMkE6PCcFk/Sus5tdPuiSqVZWcOVgV/E463hDNvl9i97I1Wh4wc/T2HZZzQ0M1hxGp91LVvGwDHCrjBB6aW7jVDSkWWpQNlOHcNA+tTlJIU4HwI13gtOBuKgyMntkxmBhhIUcjoKoJt9DBjWYgI5K/i2xhZeVKUjwBW11uDeluzKUuqQVuAGN75ThvAZXkcG5Y5JKoUChqQOv++i9NxPDFA4FQLfPx9lP1ZtObDglKDPOxxqq+SfrZDHpIs0WbfqmPmbnis33rhaJMQb3J34aSHa89h5yLe3mzkDCRCds9Ja5xShufQxUxzq5HONOGNl/iwP75+EM+IpfW1Z8Qc0yQcvymRgXslwqsbu2ecGR4AqqgctEwZW0H9hMEEwMTANBglghkgBZQMEAgEFAAQgXnrB4Vv8ig4bCrLgRUv3yG0rVcZHeKhm68wDCOXIwFsECMCN9vtctylkAgIIAA==';
const P12_TRUSTSTORE_PLAIN =
  'MIICGgIBAzCCAdAGCSqGSIb3DQEHAaCCAcEEggG9MIIBuTCCAbUGCSqGSIb3DQEHAaCCAaYEggGiMIIBnjCCAZoGCyqGSIb3DQEMCgEDoIIBiTCCAYUGCiqGSIb3DQEJFgGgggF1BIIBcTCCAW0wggEToAMCAQICFCcrw2DccQF8P4xvKiBf50mCmL3eMAoGCCqGSM49BAMCMAwxCjAIBgNVBAMMAXQwHhcNMjYxMjA2MDE1MzA5WhcNMjYxMjA3MDE1MzA5WjAMMQowCAYDVQQDDAF0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEcp2wJfFhVC1J4LqJqrGmVmqcPPqJ9+pHs3UHOemr2WZYYRts8Ub/Z7fEHbE317OYbnRg53y1xw16iqDtf75KBqNTMFEwHQYDVR0OBBYEFDOPWGAtuH+KKj4nQ7+ln0Zd5oGWMB8GA1UdIwQYMBaAFDOPWGAtuH+KKj4nQ7+ln0Zd5oGWMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgA2f4LOwDzGozSDEdgnR81RKxO1LcijyPNJ8rwW3k0n4CIQCNz4jyZyegn2eNIKjqRY6xqB9hG7RfBswfhIu7FCEEYDBBMDEwDQYJYIZIAWUDBAIBBQAEIBuFWXhq93vVUhK0jYKSNcp9m/9puy+7Us6NYYGif3nPBAhYGCYbRQ/LKQICCAA=';
const MINISIGN_SECRET = `RWRTY0Iy${'Zx9qWm4vTr7pQwErTyUiOp12AbCdEfGhIjKlMnOp'.repeat(6)}`;

describe('59a-6: a PKCS#12 keystore holding a key, a minisign or signify secret key', () => {
  test.each([
    ['PKCS#12, shrouded key bag (openssl pkcs12 -export)', P12_SHROUDED_KEY],
    ['PKCS#12, plain key bag (-keypbe NONE)', P12_WITH_KEY],
  ])('%s: binaryData and data', (_, p12) => {
    refusedEverywhere(configMap({}, { 'keystore.p12': p12 }), 'extraObjects[0].binaryData["keystore.p12"]', p12.slice(100, 140));
    refusedEverywhere(configMap({ 'keystore.pfx': p12 }), 'extraObjects[0].data["keystore.pfx"]', p12.slice(100, 140));
    expect(joined(configMap({}, { 'keystore.p12': p12 }))).toContain('PKCS#12');
  });

  test('PKCS#12 wrapped at 64 in a text', () => {
    const p12 = P12_WITH_KEY.replace(/.{64}/g, '$&\n');
    refusedEverywhere(configMap({ 'keystore.b64': p12 }), 'extraObjects[0].data["keystore.b64"]', p12.slice(100, 140));
  });

  test.each([
    ['minisign encrypted', `untrusted comment: minisign encrypted secret key\n${MINISIGN_SECRET}\n`],
    ['minisign unencrypted', `untrusted comment: minisign secret key\nRWQAAEIy${MINISIGN_SECRET.slice(8)}\n`],
    ['signify', `untrusted comment: signify secret key\nRWRCSwAAACo${MINISIGN_SECRET.slice(12, 150)}\n`],
    ['minisign key line alone', MINISIGN_SECRET],
  ])('%s', (_, text) => {
    refusedEverywhere(configMap({ 'minisign.key': text }), 'extraObjects[0].data["minisign.key"]', MINISIGN_SECRET.slice(20, 60));
  });

  test.each([
    ['a truststore (certificates in an encrypted bag)', P12_TRUSTSTORE],
    ['a truststore (certificate bags in plain)', P12_TRUSTSTORE_PLAIN],
    [
      'a minisign public key',
      'untrusted comment: minisign public key 6A1F3B2C9D8E7F60\nRWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\n',
    ],
  ])('control, accepted: %s', (_, value) => {
    acceptedEverywhere(value.startsWith('MI') ? configMap({}, { 'trust.p12': value }) : configMap({ 'minisign.pub': value }));
  });
});

describe('59b-6: a glued value ends at @, !, % and other suffix signs', () => {
  test.each([
    `password-${S}@file`,
    `token_${S}@prod`,
    `pw-${S}@x.y`,
    `password-${S}!file`,
    `password-${S}%file`,
    `token-${S}#frag`,
    `token-${S}~v2`,
    `apiKey-${S}:prod`,
    `token-${S.toLowerCase()}@kubernetescrd`,
  ])('%s', (value) => {
    refusedEverywhere(configMap({ v: value }), 'extraObjects[0].data.v', S);
    refusedEverywhere({ deployment: { podAnnotations: { 'example.com/a': value } } }, 'deployment.podAnnotations', S);
    refusedEverywhere({ additionalArguments: [`--entrypoints.websecure.http.middlewares=${value}`] }, 'additionalArguments[0]', S);
  });

  test.each([
    'password-reset@file',
    'token-auth@kubernetescrd',
    'basic-auth@file',
    'secret-store@file',
    'token-service.prod',
    'password-policy!v2',
  ])('control, accepted: %s', (name) => {
    // fp83 (82a-23): a file provider reading a directory this tool does not trace, so an `@file` name is not judged as undefined.
    acceptedEverywhere({
      additionalArguments: ['--providers.file.directory=/etc/traefik/dynamic', `--entrypoints.websecure.http.middlewares=${name}`],
    });
    acceptedEverywhere(configMap({ v: name }));
  });
});

const BOMB = Array.from({ length: 12 }, (_, i) =>
  i === 0
    ? 'a0: &a0 [' + Array(9).fill('"lol"').join(',') + ']'
    : `a${i}: &a${i} [` +
      Array(9)
        .fill(`*a${i - 1}`)
        .join(',') +
      ']',
).join('\n');
const DEEP = Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}l${i}:`).join('\n') + ' x\n';

describe('59b-9: text too deep to judge is refused whatever else it holds', () => {
  test.each([
    ['an alias bomb', BOMB],
    ['an alias bomb after prose', `# app settings\n${BOMB}\n`],
    ['70 levels of block mappings', DEEP],
  ])('%s in a ConfigMap value', (_, text) => {
    const message = joined(configMap({ x: text }));
    expect(message).toContain('extraObjects[0].data.x');
    expect(message).toContain('too deep to judge');
  });

  test.each([
    ['an anchor and its alias', 'base: &b {replicas: 2}\nprod: *b\n'],
    ['markdown with bold and entities', '# Notes\n\n*bold* &amp; more\n- item *one*\n'],
    ['20 levels', Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}l${i}:`).join('\n') + ' x\n'],
  ])('control, accepted: %s', (_, text) => {
    acceptedEverywhere(configMap({ x: text }));
  });
});
