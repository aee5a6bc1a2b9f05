/**
 * Attack round 57b-16: a HostRegexp that surely matches an Ingress's host takes its traffic at a high priority, and is
 * refused as a plain one is, also with a group that may be left out (`(:\d+)?`), Go's `\Q…\E` quoting or `(?P<name>`.
 */
import { hostRegexpMatches } from '../src/traefik/rule-regexps';
import { ruleDoors } from './rule-doors';

const HOST = 'k3s.code-place-dev.site';
const route = (regexp: string) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'r1', namespace: 'default' },
      spec: {
        entryPoints: ['websecure'],
        tls: {},
        routes: [{ match: `HostRegexp(\`${regexp}\`)`, priority: 99999, kind: 'Rule', services: [{ name: 's', port: 80 }] }],
      },
    },
  ],
});

describe('57b-16: HostRegexp forms that match the Ingress host are refused at the config and the cluster door', () => {
  test.each([
    ['plain', '^k3s\\.code-place-dev\\.site$'],
    ['an optional port group', '^k3s\\.code-place-dev\\.site(:\\d+)?$'],
    ["Go's \\Q…\\E quoting", '^\\Qk3s.code-place-dev.site\\E$'],
    ['\\Q to the end', '^\\Qk3s.code-place-dev.site'],
    ['a named group (?P<sub>…)', '^(?P<sub>k3s)\\.code-place-dev\\.site$'],
  ])('%s', (_, regexp) => {
    const doors = ruleDoors(route(regexp));
    const error = doors.errors.find((e) => e.includes(`has a HostRegexp that may match host "${HOST}"`));
    expect(error).toBeDefined();
    expect(error).toContain('extraObjects[0].spec.routes[0].match:');
    expect(doors.cluster).toContain(`may match host "${HOST}"`);
  });

  test.each([
    ['another host, optional port', '^other\\.example\\.com(:\\d+)?$'],
    ['another host, quoted', '^\\Qother.example.com\\E$'],
  ])('control: %s is not refused for the Ingress host', (_, regexp) => {
    const doors = ruleDoors(route(regexp));
    expect(doors.errors.filter((e) => e.includes('may match host'))).toEqual([]);
    expect(doors.warnings.filter((w) => w.includes('extraObjects'))).toEqual([]);
  });
});

describe('hostRegexpMatches: what it runs, and what it leaves untold', () => {
  test.each([
    ['^a\\.b(:\\d+)?$', 'a.b', true],
    ['^\\Qa.b\\E$', 'aXb', false],
    ['^\\Qa.b\\E$', 'a.b', true],
    ['^(a+)+$', 'aaaa', undefined],
    ['^(ab)*$', 'abab', undefined],
    // 79c-5: three quantifiers run when their worst case is small (a short host), not when it is not.
    ['^a+b+c+$', 'abc', true],
    ['^a+b+c+$', 'a'.repeat(300), undefined],
  ])('%s on %s is %s', (regexp, host, verdict) => {
    expect(hostRegexpMatches(regexp, host)).toBe(verdict);
  });
});
