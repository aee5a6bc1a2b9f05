import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { TRAEFIK } from './bad-configs';
import { configJsonSchema, SCHEMA_FILE } from '../src/config/json-schema';
import { parseConfigText } from '../src/config/load';

const ROOT = join(__dirname, '..');
const validateWithSchema = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(configJsonSchema()));
const schemaAccepts = (text: string) => validateWithSchema(parse(text) ?? {});
const validatorAccepts = (text: string) => parseConfigText('t.yaml', text).errors.length === 0;

describe('config.schema.json (editor support)', () => {
  test('is generated from the validator, and the committed file is current (`npm run schema`)', () => {
    expect(readFileSync(join(ROOT, SCHEMA_FILE), 'utf8')).toEqual(configJsonSchema());
  });

  const shipped = ['config/examples'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(dir, f)),
  );

  test.each(shipped)('%s references the schema and both schema and validator accept it', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const depth = file.split('/').length - 1;
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${'../'.repeat(depth)}${SCHEMA_FILE}`);
    expect(schemaAccepts(text)).toBe(true);
    expect(validatorAccepts(text)).toBe(true);
  });

  test.each([
    ['unknown key', `${TRAEFIK}ingress: []\n`],
    ['misspelt nested key', `kubeVip:\n  inteface: eth0\n${TRAEFIK}`],
    ['wrong type', `kubeVip:\n  version: 1.2\n${TRAEFIK}`],
    ['boolean as text', `kubeVip:\n  services:\n    enabled: "yes"\n${TRAEFIK}`],
    ['enum', `kubeVip:\n  mode: ospf\n${TRAEFIK}`],
    ['not a version', `kubeVip:\n  version: latest\n${TRAEFIK}`],
    ['interface name too long', `kubeVip:\n  interface: enp0s31f6-uplink0\n${TRAEFIK}`],
    ['not an IP', 'traefik:\n  loadBalancerIPs: [my-vip]\n'],
    ['IP with prefix', 'traefik:\n  loadBalancerIPs: [192.168.0.41/24]\n'],
    ['empty VIP list', 'traefik:\n  loadBalancerIPs: []\n'],
    ['missing required key', `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, port: 80}\n`],
    ['port out of range', `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 70000}\n`],
    ['upper-case host', `${TRAEFIK}ingresses:\n  - {name: a, host: App.example.com, service: s, port: 80}\n`],
    ['path without slash', `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, path: api, service: s, port: 80}\n`],
    ['resolver without email', 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolvers:\n    le: {challenge: tls}\n'],
    ['bad e-mail', 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n  certResolvers:\n    le: {email: ops}\n'],
    [
      'UDP spelt lower-case',
      `${TRAEFIK}loadBalancers:\n  - {name: g, selector: {app: g}, ports: [{port: 1, protocol: udp}], ips: [192.168.0.43]}\n`,
    ],
    ['BGP AS out of range', `kubeVip:\n  mode: bgp\n  bgp: {as: 0, peers: [{address: 192.168.0.1, as: 65000}]}\n${TRAEFIK}`],
  ])('both reject: %s', (_, text) => {
    expect(validatorAccepts(text)).toBe(false);
    expect(schemaAccepts(text)).toBe(false);
  });
});
