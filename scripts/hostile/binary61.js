// Hostile inputs, round 61 (binary61): scripts/hostile-inputs.js says what they are for.
'use strict';

/**
 * Round 61: base32 runs whose bytes start like a gzip or zlib stream (`1f 8b 08 …` is `D6FQQ…`, no base64 head), each
 * of which once counted the heads of the whole text again (review61-3: 400 kB in 18 s); and files of short base64 lines
 * (76 columns, as `base64` wraps), 8 MiB in one block scalar (63 MiB: 240 s, timed by hand), which overflowed V8's stack in one regular
 * expression (review61-4). Each as [name, input].
 */
const base32Heads61 = () => [
  ['400 kB of base32 gzip heads', 'D6FQQAICAMCAKBQHBAEQ '.repeat(Math.floor(400_000 / 21))],
  ['400 kB of base32 zlib heads', 'PCOAAAAAAAAAAAAAAAAA '.repeat(Math.floor(400_000 / 21))],
];
const shortBase64Lines61 = () =>
  [8].map((mib) => {
    const line = `    ${'QUFB'.repeat(19)}\n`;
    const body = line.repeat(Math.floor((mib << 20) / line.length));
    return [`${mib} MiB of 76-column base64 lines`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  blob: |\n${body}`];
  });

module.exports = { base32Heads61, shortBase64Lines61 };
