// Round 49a-7 (netdev51): near-misses of device-config-lines.ts' indented blocks, built at `size` characters.
'use strict';

const fill = (unit, size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const deviceBlocks51 = (size = 1_000_000) => [
  [
    'deeper and deeper indents under device commands',
    Array.from({ length: 2000 }, (_, i) => ' '.repeat(i % 1000) + 'line con 0')
      .join('\n')
      .slice(0, size),
  ],
  ['many block heads, each with a bare key line without value', fill('line vty 0 4\n password 7\n', size)],
  ['bare keys not ending the line', fill('radius server R1\n key 7 Zq9x extra words here\n', size)],
  ['a long head of command words', `${fill('radius server ', size - 40)}\n password 0`],
  ['a long bare line of modifiers', `line con 0\n password ${fill('7 ', size - 30)}`],
  ['passphrase near-misses', fill('set interfaces wireless wlan0 security wpa passphrase\n', size)],
  ['config-key without value', fill('key config-key password-encrypt\nkey config-key 1\n', size)],
  ['blank runs between head and block', `line con 0${' '.repeat(size / 2)}\n${' '.repeat(size / 2 - 20)}password 0`],
];

module.exports = { deviceBlocks51 };
