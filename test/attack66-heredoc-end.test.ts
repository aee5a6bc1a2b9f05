// Round 66 (66c-1): a heredoc into a file named like a secret whose closing line never comes is written all the same
// (bash: "here-document delimited by end-of-file"), so its body is the file's content; into K3s' token files and
// /run/secrets any literal line of a longer body is the secret too. Refused rows never show the secret.
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';

const TOKEN = 'Zq8vWm4vTr7pLx2n';

// [row, the text (several lines: a ConfigMap's text or an env value, not a one-line key), the secret]
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  ['66c-1 no closing line', `#!/bin/sh\ncat > /run/secrets/x <<EOF\n${TOKEN}`, TOKEN],
  ['66c-1 no closing line, a final newline', `#!/bin/sh\ncat > /run/secrets/x <<EOF\nhunter2\n`, 'hunter2'],
  ['66c-1 the wrong closing word', `cat > /run/secrets/x <<EOT\n${TOKEN}\nEOF\n`, TOKEN],
  ['66c-1 two lines into the K3s token file', `cat > /etc/rancher/k3s/cluster-token <<'EOT'\n\n${TOKEN}\nEOT`, TOKEN],
  ['66c-1 a body of two lines into /run/secrets', `cat > /run/secrets/db <<EOF\nuser\n${TOKEN}\nEOF`, TOKEN],
  ['66c-1 unterminated into a secret-named file', `tee ~/.vault_pass <<EOF\n${TOKEN}\n`, TOKEN],
];

const PASSES = [
  'cat > /run/secrets/x <<EOF\n$TOKEN\nEOF',
  'cat > /run/secrets/x <<EOF\n$(openssl rand -hex 32)\n',
  'cat > /tmp/notes.txt <<EOF\nhello\n',
  'cat > ~/.aws/credentials <<EOF\n[default]\nregion = eu-west-1\nEOF',
  'cat > /etc/app/token.conf <<EOF\nissuer = https://auth.example.com\naudience = k3s\nEOF',
];

describe('66c-1: a heredoc into a secret file, closed or not', () => {
  test.each(REFUSED)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
  test.each(REFUSED)('env value: %s', (_, text, secret) =>
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', secret),
  );
  test.each(PASSES)('accepted: %j', (text) => acceptedEverywhere(textConfigMap(text)));
});
