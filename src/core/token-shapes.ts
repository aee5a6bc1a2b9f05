/**
 * Tokens a vendor marks with a fixed prefix, which secret scanners recognise without any key beside them: GitHub,
 * GitLab, Slack, Stripe, AWS, npm, Google, OpenAI, Anthropic, JWTs, age and PuTTY private keys. Prefixes, lengths and
 * alphabets are gitleaks' rules (gitleaks/gitleaks config/gitleaks.toml, v8.30.0: ids github-pat, github-oauth,
 * github-app-token, github-refresh-token, github-fine-grained-pat, gitlab-pat, gitlab-runner-authentication-token,
 * gitlab-deploy-token, gitlab-ptt, gitlab-kubernetes-agent-token, gitlab-cicd-job-token, gitlab-feed-token,
 * gitlab-scim-token, slack-*, stripe-access-token, aws-access-token, npm-access-token, gcp-api-key, openai-api-key,
 * anthropic-api-key, jwt, age-secret-key, vault-service-token, sendgrid-api-token, huggingface-access-token,
 * pypi-upload-token, digitalocean-*, shopify-*, grafana-*, atlassian-api-token, microsoft-teams-webhook), with the vendors' formats they cite. Each pattern starts
 * only where a run of its alphabet starts (a lookbehind), so a long run is scanned once: linear in the text.
 */

/** What a fixed-prefix token is called in findings (`FoundSecret.what`). */
// 79a-18: no list of other vendors' prefixes, which read as what the user wrote; vendor-token-names.ts names the vendor.
export const VENDOR_TOKEN = "a vendor token with a fixed prefix (a vendor's API key or access token)";
/** What an age or PuTTY private key is called in findings. */
export const TOOL_PRIVATE_KEY =
  'a private key (age AGE-SECRET-KEY-1…, the Private-Lines of a PuTTY-User-Key-File, or an OpenVPN static or tls-crypt-v2 key)';

/** `text` in any letter case, as hosts are read (`Hooks.Slack.com`). */
const caseless = (text: string): string => text.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`).replace(/\./g, String.raw`\.`);

const TOKENS = [
  // GitHub: `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` + 36 (30 random + a 6-character checksum); fine-grained `github_pat_` + 82.
  String.raw`(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])`,
  String.raw`(?<![A-Za-z0-9])github_pat_\w{82}(?!\w)`,
  // GitLab: personal, runner, deploy, feed, SCIM and feature-flag tokens (20 or more: newer ones are longer), incoming
  // mail (25), Kubernetes agent (50), OAuth app secrets (64), CI/CD job tokens (with or without the `<n>_` part: round
  // 38a-4), pipeline trigger tokens (40 hex).
  // Round 78 (78a-7, 67a-23): the body is 20 (gitleaks' gitlab-pat); a longer one goes on over letters and digits and over
  // a `-` followed by two or more of them (`…St-UvWx12345678`), so a text's `-B` after the token stays the text's.
  String.raw`(?<![A-Za-z0-9])gl(?:pat|rt|dt|ft|soat|ffct)-[\w-]{20}(?:\w|-(?=\w{2}))*`,
  String.raw`(?<![A-Za-z0-9])gl(?:imt-[\w-]{25}|agent-[\w-]{50}|oas-[\w-]{64}|cbt-(?:[0-9a-zA-Z]{1,5}_)?[\w-]{20,})`,
  String.raw`(?<![A-Za-z0-9])glptt-[0-9a-f]{40}`,
  // Slack, gitleaks' shapes: bot (digit groups), user, legacy, legacy workspace (with a digit), config tokens; app tokens.
  // Round 78 (78a-7): a bot token's secret is the part after its digit groups (`xoxb-<team>-<bot>-<24>`): the shape takes
  // every `-`-joined part, as gitleaks' slack-bot-token does (cmd/generate/config/rules/slack.go, v8.30.0:
  // `xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*`), so a blank never leaves the tail beside it.
  String.raw`(?<![A-Za-z0-9])xoxb-(?:[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*|[0-9]{8,14}-[a-zA-Z0-9]{18,26})`,
  String.raw`(?<![A-Za-z0-9])xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}`,
  String.raw`(?<![A-Za-z0-9])xox[os]-\d+-\d+-\d+-[a-fA-F\d]+`,
  String.raw`(?<![A-Za-z0-9])xox[ar]-(?:\d-)?(?=[a-zA-Z]{0,47}\d)[0-9a-zA-Z]{8,48}`,
  String.raw`(?<![A-Za-z0-9])xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{146,166}`,
  String.raw`(?<![A-Za-z0-9])xapp-\d-[A-Za-z0-9-]{10,}`,
  // A Slack incoming webhook's path is its credential; the host in any case, with a port or a trailing dot.
  String.raw`${caseless('hooks.slack.com')}\.?(?::\d{1,5})?\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,}`,
  // Stripe secret and restricted keys: 24 or more after the mode (Stripe's keys are 24 or 99; `rk_prod_frontend01` is a name).
  String.raw`(?<![A-Za-z0-9])(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{24,}`,
  // AWS access key IDs (long-term AKIA, temporary ASIA, …): base32, 16 after the prefix, one a digit at least (base32's
  // 2-7: `ASIAPACIFICSOUTHEAST` is a region's name; a random ID has none in 3.6% of cases, gitleaks' entropy 3 takes both).
  String.raw`(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)(?=[A-Z]{0,15}[2-7])[A-Z2-7]{16}(?![A-Za-z0-9])`,
  // npm access tokens (36 after the prefix; npm's own check is case-insensitive).
  String.raw`(?<![A-Za-z0-9])[Nn][Pp][Mm]_[A-Za-z0-9]{36}(?![A-Za-z0-9])`,
  // Google API keys.
  String.raw`(?<![A-Za-z0-9])AIza[\w-]{35}(?![\w-])`,
  // OpenAI keys carry `T3BlbkFJ` ("OpenAI" in base64); Anthropic's API, admin, OAuth and session keys.
  String.raw`(?<![A-Za-z0-9])sk-(?:(?:proj|svcacct|admin)-)?[\w-]{20,74}T3BlbkFJ[\w-]{20,74}`,
  String.raw`(?<![A-Za-z0-9])sk-ant-(?:api|admin|oat|sid)\d\d-[\w-]{80,}`,
  // A JWT: a base64url JSON header and payload (`{"` is `eyJ`), then its signature (empty for `alg: none`).
  String.raw`(?<![\w.-])eyJ[\w-]{14,}\.eyJ[\w-]{14,}\.[\w-]*`,
  // Round 38a-4: a JWT glued after `_`, `.` or `-` (`x_eyJ…`, `--eyJ…`): its header of letters and digits only, so a
  // run of `_eyJ` is not scanned again from each (a JSON header's base64url seldom holds `-` or `_`).
  String.raw`(?<=[_.-])eyJ[A-Za-z0-9]{14,}\.eyJ[\w-]{14,}\.[\w-]*`,
  // gitleaks' other fixed prefixes: HashiCorp Vault service and batch tokens, SendGrid, Hugging Face, PyPI, DigitalOcean,
  // Shopify, Grafana service-account and cloud tokens, Atlassian API tokens.
  String.raw`(?<![A-Za-z0-9])(?:hvs\.[\w-]{90,120}|hvb\.[\w-]{138,300}|SG\.[A-Za-z0-9=_.-]{66})(?![\w-])`,
  // Round 52a-13: Vault's service, batch and recovery tokens (`hvs.`, `hvb.`, `hvr.`: developer.hashicorp.com/vault/docs/
  // concepts/tokens, "Token prefixes") shorter than gitleaks asks: a root token is `hvs.` and 24 base62 characters. As
  // `hvs.` may start a member's name in code, only a run holding upper- and lower-case letters and a digit.
  String.raw`(?<![A-Za-z0-9])hv[sbr]\.(?=[\w-]{0,399}[A-Z])(?=[\w-]{0,399}[a-z])(?=[\w-]{0,399}[0-9])[\w-]{24,400}(?![\w-])`,
  // Round 52a-13: Atlassian API tokens of any length (Atlassian "uses a varied API token length", support.atlassian.com
  // atlassian-account/docs/manage-api-tokens-for-your-atlassian-account), after the `ATATT3xFfGF0` head they all share.
  String.raw`(?<![A-Za-z0-9])ATATT3xFfGF0[\w=-]{20,}`,
  String.raw`(?<![A-Za-z0-9])(?:hf_[A-Za-z0-9]{34}|api_org_[A-Za-z]{34}|do[opr]_v1_[a-f0-9]{64}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![A-Za-z0-9])`,
  String.raw`(?<![A-Za-z0-9])(?:pypi-AgEIcHlwaS5vcmc[\w-]{50,}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,3}|ATATT3[\w=-]{186})`,
  // Not gitleaks rules: Docker Hub personal and organisation access tokens (`dckr_pat_` + 27, docs.docker.com
  // security/access-tokens), Tailscale keys (`tskey-auth-<id>-<secret>`, tailscale.com/kb/1085/auth-keys).
  String.raw`(?<![A-Za-z0-9])(?:dckr_(?:pat|oat)_[\w-]{24,}|tskey-(?:auth|client|api|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,})`,
  // Round 73 (73b-2), not gitleaks rules: a Docker Swarm join token (`SWMTKN-1-` + the CA digest in base36, 50, `-` + the
  // secret, 25: moby/swarmkit ca/config.go GenerateJoinToken), which lets any host join the swarm; a Cloudflare Tunnel
  // token, base64 of `{"a":"<account>","t":"<tunnel>","s":"<secret>"}` (`{"a":"` is `eyJhIjoi`; developers.cloudflare.com
  // cloudflare-one/connections/connect-networks/configure-tunnels/remote-tunnel-permissions: whoever holds it runs the
  // tunnel); a Proxmox VE API token `<user>@<realm>!<token id>=<secret UUID>` (pve.proxmox.com/wiki/Proxmox_VE_API,
  // "API Tokens": the form its `Authorization: PVEAPIToken=` header takes). A UUID alone stays an id.
  String.raw`(?<![A-Za-z0-9])SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}(?![\w-])`,
  String.raw`(?<![\w-])eyJhIjoi[A-Za-z0-9+/]{100,600}={0,2}(?![\w+/-])`,
  String.raw`(?<![\w.@-])[\w.-]{1,64}@[\w.-]{1,64}![\w.-]{1,64}=[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?![\w-])`,
  // Round 36a-6, gitleaks' rules grafana-api-key, twilio-api-key, new-relic-user-api-key, sentry-org-token,
  // sentry-user-token, doppler-api-token, planetscale-password/-api-token/-oauth-token, flyio-access-token,
  // databricks-api-token, pulumi-api-token, hashicorp-tf-api-token, linear-api-key, mailgun-private-api-token,
  // vault-service-token. Grafana's legacy key is base64 of `{"k":"<32>","n":"<name>","id":<org>}`, 66 or more after
  // `eyJrIjoi`: gitleaks asks 70, which a one-letter name misses, so 60 here (a JSON whose first key is `k`, base64'd
  // to 68 characters or more, is that key). Twilio's `SK` key SID, Databricks' `dapi`, Mailgun's `key-`, Sentry's
  // `sntryu_` and Pulumi's `pul-` are followed by an exact count of lower-case hex digits, with a letter and a digit
  // among them where a run of one kind would read as a word or a number. New Relic's and Mailgun's rules also ask for
  // the vendor's name nearby: the prefix and the exact length are taken alone here, as AWS key IDs are. A Sentry org
  // token's tail is gitleaks' loosened: any base64 after its `{"iat":` head (`sntrys_eyJpYXQiO`).
  String.raw`(?<![\w-])eyJrIjoi[A-Za-z0-9]{60,400}={0,3}(?![\w-])`,
  String.raw`(?:(?<![\w-])(?:SK|key-)|(?<![A-Za-z0-9])dapi)(?=[0-9]{0,31}[a-f])(?=[a-f]{0,31}[0-9])[0-9a-f]{32}(?:(?<=dapi[0-9a-f]{32})-\d)?(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])(?:NRAK-[A-Za-z0-9]{27}|sntrys_eyJpYXQiO[A-Za-z0-9+/_=]{20,}|sntryu_[a-f0-9]{64}|pul-(?=[a-f]{0,39}\d)[a-f0-9]{40})(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])(?:dp\.pt\.[A-Za-z0-9]{43}|pscale_(?:pw|tkn|oauth)_[\w=.-]{32,64}|fo1_[\w-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}|lin_api_[A-Za-z0-9]{40}|lin_api_(?=[a-z0-9]{0,199}[A-Z])(?=[A-Z0-9]{0,199}[a-z])(?=[A-Za-z]{0,199}[0-9])[A-Za-z0-9]{20,200})(?![\w-])`,
  // Round 37a-7: Telegram bot tokens (`<bot id>:AA…`, gitleaks telegram-bot-api-token: the secret part starts `A`, 35
  // in all), Mailchimp API keys (32 hex, `-us<datacenter>`, gitleaks mailchimp-api-key), Cloudflare Origin CA keys
  // (gitleaks cloudflare-origin-ca-key), Google OAuth access tokens (`ya29.`), Square access and OAuth secrets
  // (gitleaks square-access-token, square-secret), Groq (`gsk_` + 52) and Replicate (`r8_` + 37) API keys.
  // Round 38a-4: also inside the Bot API's URL (`api.telegram.org/bot<id>:<token>/sendMessage`), and glued after `_`, `-`.
  // Round 53a-10: 34 in all too (the Bot API docs' own sample `110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw`), ids of 5+.
  // Round 75 (75a-5): longer too, to 48 (core.telegram.org/bots/api#authorizing-your-bot fixes no length), where the
  // run mixes upper- and lower-case letters and a digit as a generated one does (`12:Abstract…` stays a word).
  // Round 76 (76a-8): after a bare `bot` too (`bot<id>:<token>`, the URL's path written alone), so it is named as one.
  String.raw`(?:(?<![A-Za-z0-9])|(?<=(?<![A-Za-z0-9])bot))\d{5,16}:A(?:[\w-]{33,34}|(?=[\w-]{0,46}[A-Z])(?=[\w-]{0,46}[a-z])(?=[\w-]{0,46}[0-9])[\w-]{35,47})(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])[0-9a-f]{32}-us\d{1,2}(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])(?:v1\.0-[a-f0-9]{24}-[a-f0-9]{146}|ya29\.[\w-]{30,}|sq0(?:atp|csp)-[\w-]{22,60}|gsk_[A-Za-z0-9]{52}|r8_[A-Za-z0-9]{37})(?![\w-])`,
  // Round 38a-4: Square production access tokens (`EAAA` + 60; 40 or more here), Postman (`PMAK-<24 hex>-<34 hex>`),
  // Notion (`ntn_`), Supabase (`sbp_` + 40 hex; secret API keys `sb_secret_` + base62, supabase.com/docs/guides/api/api-keys), xAI (`xai-` + 80), Perplexity (`pplx-` + 48), OpenRouter (`sk-or-v1-` +
  // 64 hex), 1Password service accounts (`ops_eyJ` + 250 or more: gitleaks 1password-service-account-token, config/
  // gitleaks.toml at gitleaks/gitleaks@420a0f55f4a7a03dfe701ceb1f4f66a7c68b26b4), Google OAuth client secrets
  // (`GOCSPX-` + 28), Stripe/Svix webhook secrets (`whsec_`), Bitbucket app passwords (`ATBB`), Figma (`figd_`),
  // Buildkite (`bkua_` + 40 hex), and Doppler's other token kinds beside `dp.pt.` (the only one that gitleaks commit
  // lists): service `dp.st.<env>.`, CLI `dp.ct.`, service account `dp.sa.`, SCIM `dp.scim.`, audit `dp.audit.`
  // (docs.doppler.com/reference/auth-token-formats), and OpenAI's project, service-account and admin keys without the
  // `T3BlbkFJ` marker (newer ones lack it): 40 or more, a letter and a digit among them. Notion's legacy `secret_` + 43
  // only with upper, lower and a digit (a name like `secret_name_for_the_database` is none).
  String.raw`(?<![A-Za-z0-9])(?:EAAA[\w-]{40,60}|PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}|ntn_\d{11}[A-Za-z0-9]{35}|sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,}|xai-[A-Za-z0-9_]{80}|pplx-[A-Za-z0-9]{48}|sk-or-v1-[a-f0-9]{64}|ops_eyJ[A-Za-z0-9+/]{250,}={0,3}|GOCSPX-[\w-]{28}|whsec_(?=[A-Za-z+/]{0,99}[0-9])[A-Za-z0-9+/]{24,}={0,2}|ATBB[A-Za-z0-9]{28,}|figd_[\w-]{40,}|bkua_[a-f0-9]{40}|dp\.(?:st(?:\.[a-z0-9_-]{1,40})?|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44})(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])secret_(?=[a-z0-9]{0,42}[A-Z])(?=[A-Z0-9]{0,42}[a-z])(?=[A-Za-z]{0,42}[0-9])[A-Za-z0-9]{43}(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])sk-(?:proj|svcacct|admin)-(?=[\w-]{0,199}[0-9])(?=[\w-]{0,199}[A-Za-z])[\w-]{40,}(?![\w-])`,
  // Round 61 (61a-1, 61a-8): OpenAI's legacy key `sk-` + 48 base62 (gitleaks' earlier rule open-ai-token,
  // cmd/generate/config/rules/openai.go: `(sk-)[a-zA-Z0-9]{48}`), Slack's config refresh and access tokens shorter than
  // gitleaks' slack-config-refresh-token and slack-config-access-token ask (`xoxe-1-`, `xoxe.xoxp-1-`), Meta access
  // tokens `EAAC`/`EAAM` (gitleaks facebook-page-access-token asks 100+; 60 here; round 76, 76a-9: `EAAB` and `EAAG`
  // alike, heads of Meta's other access tokens: Meta documents none, so each asks the same generated run), Notion `ntn_` without the 11 digits
  // gitleaks notion-api-token asks, Netlify `nfp_`, Render `rnd_`, Fly.io `fly_` and the `FlyV1 fm…` header, Vercel
  // `vercel_` (its classic tokens are 24 base62; `vercel_` itself is no documented prefix: taken as the attack wrote it).
  // A prefix alone is no token (`fly_region`, `rnd_seed`, `vercel_env`): each asks its length and a generated run.
  String.raw`(?<![A-Za-z0-9-])(?:sk-(?=[a-z0-9]{0,47}[A-Z])(?=[A-Z0-9]{0,47}[a-z])(?=[A-Za-z]{0,47}[0-9])[A-Za-z0-9]{48}|xoxe(?:\.xox[bp])?-\d-(?=[A-Za-z]{0,199}[0-9])(?=[0-9]{0,199}[A-Za-z])[A-Za-z0-9]{40,200}|EAA[BCGM](?=[a-z0-9]{0,199}[A-Z])(?=[A-Z0-9]{0,199}[a-z])(?=[A-Za-z]{0,199}[0-9])[A-Za-z0-9]{60,400})(?![\w-])`,
  // 79a-18: Vercel's prefixed tokens, `vcp_` personal, `vci_` integration, `vca_`/`vcr_` app access and refresh tokens,
  // `vck_` API keys (vercel.com/changelog/new-token-formats-and-secret-scanning); no length is published, so a
  // generated run of 24 or more, as `vercel_` asks.
  String.raw`(?<![A-Za-z0-9])vc[piark]_(?=[a-z0-9]{0,199}[A-Z])(?=[A-Z0-9]{0,199}[a-z])(?=[A-Za-z]{0,199}[0-9])[A-Za-z0-9]{24,200}(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])(?:(?:ntn|nfp|rnd|fly)_(?=[a-z0-9]{0,99}[A-Z])(?=[A-Z0-9]{0,99}[a-z])(?=[A-Za-z]{0,99}[0-9])[A-Za-z0-9]{24,100}|vercel_(?=[a-z0-9]{0,99}[A-Z])(?=[A-Z0-9]{0,99}[a-z])(?=[A-Za-z]{0,99}[0-9])[A-Za-z0-9]{20,100})(?![\w-])`,
  // A Fly.io token is one macaroon or several joined by `,` (`FlyV1 fm2_…,fm2_…`; gitleaks flyio.go's samples,
  // cmd/generate/config/rules/flyio.go: `fm1r_…,fm1a_…`): the shape takes every part (78a-7: the second was printed).
  String.raw`FlyV1 fm[12][ar]?_[A-Za-z0-9+/]{20,}={0,3}(?:,(?:fm[12][ar]?_[A-Za-z0-9+/]{20,}={0,3}|fo1_[\w-]{20,}))*`,
  // A Microsoft Teams incoming webhook's URL is its credential (gitleaks microsoft-teams-webhook): host in any case.
  // Round 52a-13: whatever stands around its key (gitleaks asks a 20-character group id and a 36-character tail), also
  // the legacy host `outlook.office.com/webhook/` (learn.microsoft.com microsoftteams/platform/webhooks-and-connectors/
  // how-to/add-incoming-webhook): `…/IncomingWebhook/<key>` is the credential.
  String.raw`(?:(?<![A-Za-z0-9-])[A-Za-z0-9-]{1,253}\.${caseless('webhook')}|${caseless('outlook')})\.${caseless('office')}(?:365)?\.${caseless('com')}\/${caseless('webhook')}(?:[bB]2)?\/[^\s/?#]{1,256}\/${caseless('incomingwebhook')}\/[A-Za-z0-9]{16,}(?:\/[^\s/?#"'\x60]{1,256}){0,8}`,
  // A Discord webhook's path is its credential, as Slack's is.
  String.raw`${caseless('discord')}(?:${caseless('app')})?\.${caseless('com')}\/api\/webhooks\/\d{5,30}\/[\w-]{60,}`,
  // Round 71 (71a-13): other incoming webhooks whose path is the credential, on any host where self-hosted: Mattermost
  // `/hooks/<26-character id>` (its ids: mattermost/mattermost server/public/model/utils.go NewId, base32 of 16 bytes),
  // Rocket.Chat `/hooks/<integration id>/<token>` (RocketChat/Rocket.Chat apps/meteor/app/integrations, Random.id(48)),
  // IFTTT Maker `maker.ifttt.com/trigger/<event>/with/key/<key>` (ifttt.com/maker_webhooks), Grafana OnCall
  // `/oncall/integrations/v1/<kind>/<token>/` (grafana.com/docs/oncall/latest/configure/integrations).
  String.raw`\/${caseless('hooks')}\/(?=[a-z]{0,25}[0-9])(?=[0-9]{0,25}[a-z])[a-z0-9]{26}(?![\w-])`,
  String.raw`\/${caseless('hooks')}\/[A-Za-z0-9]{12,32}\/(?=[\w-]{0,99}[A-Z])(?=[\w-]{0,99}[a-z])(?=[\w-]{0,99}[0-9])[\w-]{24,100}(?![\w-])`,
  String.raw`${caseless('maker.ifttt.com')}\/trigger\/[^\s/?#]{1,128}\/(?:json\/)?with\/key\/[\w-]{11,}`,
  String.raw`\/${caseless('oncall')}\/integrations\/v1\/[\w-]{1,64}\/[A-Za-z0-9]{20,}(?![\w-])`,
  // 72b-9: a Zapier catch hook `hooks.zapier.com/hooks/catch/<account>/<hook key>/` (help.zapier.com "Trigger Zaps
  // from webhooks": whoever has the URL triggers the Zap), and a hex capability path after `/webhook/` or `/webhooks/`
  // (32 or more, one case, a letter and a digit: a token, as Gitea's and Jenkins' generic hooks take one); 74a-21: after
  // `/hooks/` alike, and an n8n Webhook node's path, a random UUID by default (docs.n8n.io integrations/builtin/
  // core-nodes/n8n-nodes-base.webhook, "Webhook URLs": `<host>/webhook/<path>`, `/webhook-test/` while testing).
  String.raw`${caseless('hooks.zapier.com')}\/hooks\/(?:catch|standard)\/\d{3,12}\/[A-Za-z0-9]{5,}`,
  String.raw`\/${caseless('webhook')}(?:-${caseless('test')})?\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])`,
  String.raw`\/(?:${caseless('webhook')}[sS]?|${caseless('hooks')})\/(?:(?=[a-f]{0,63}[0-9])(?=[0-9]{0,63}[a-f])[0-9a-f]{32,64}|(?=[A-F]{0,63}[0-9])(?=[0-9]{0,63}[A-F])[0-9A-F]{32,64})(?![\w-])`,
  String.raw`(?<![\w.-])[A-Za-z0-9]{14}\.atlasv1\.[\w=-]{60,70}(?![\w-])`,
  // Round 62 (62a-1): gitleaks dynatrace-api-token (`dt0c01.` + 24 + `.` + 64), heroku-api-key-v2 (`HRKU-AA` + 58),
  // hashicorp-tf-api-token without its 14-character id (`atlasv1.` + 60 to 70), mapbox-api-token's secret sibling
  // (`sk.eyJ<base64url JSON>.<22+>`: Mapbox's public `pk.eyJ…` is meant to be shipped and passes), Contentful personal
  // access tokens (`CFPAT-` + 43), CircleCI personal tokens (`CCIPAT_<id>_<40 hex>`), Snyk (`snyk_uat.<8 hex>.<40+>`),
  // LangSmith (`lsv2_pt_`/`lsv2_sk_` + 32 hex `_` 10 hex), Resend (`re_<8>_<24>`), PostHog personal keys (`phx_` + 43),
  // DeepSeek (`sk-` + 32 hex), Google OAuth refresh tokens (`1//0` + 40 or more, or URL-encoded `1%2F%2F0`).
  // Dynatrace's other token kinds (OAuth client secrets, platform tokens: `dt0s01.`, `dt0s16.`) share the
  // `dt0<kind><nn>.<24>.<64>` form. Where the prefix is short or a word's (`re_`, `phx_`, `1//`, `atlasv1`), the body
  // must be the generated run the vendor issues: its length, and upper-case, lower-case letters and a digit (hex: a
  // letter and a digit), so `re_render_template`, `phx_click` stay names.
  // Round 63 (63a-4): `1//0…` after `/`, `.`, `-` or `_` too (a URL path, `gcloud.rt.1//0…`): only a letter or digit
  // before it makes it part of another word.
  String.raw`(?<![A-Za-z0-9])(?:dt0[a-z]\d\d\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}|HRKU-AA[\w-]{58}|sk\.eyJ[\w-]{20,}\.[\w-]{20,}|CFPAT-[\w-]{43}|CCIPAT_[A-Za-z0-9]{16,32}_[a-f0-9]{40}|snyk_[a-z]{3}\.[a-f0-9]{8}\.[\w-]{40,}|lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])(?:re_(?=[a-z0-9]{0,7}[A-Z0-9])[A-Za-z0-9]{8}_(?=[a-z0-9]{0,23}[A-Z])(?=[A-Z0-9]{0,23}[a-z])(?=[A-Za-z]{0,23}[0-9])[A-Za-z0-9]{24}|phx_(?=[a-z0-9]{0,42}[A-Z])(?=[A-Z0-9]{0,42}[a-z])(?=[A-Za-z]{0,42}[0-9])[A-Za-z0-9]{43})(?![\w-])`,
  String.raw`(?<![A-Za-z0-9-])sk-(?=[0-9]{0,31}[a-f])(?=[a-f]{0,31}[0-9])[0-9a-f]{32}(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])1(?:\/\/|%2[Ff]%2[Ff])0(?=[\w-]{0,399}[A-Z])(?=[\w-]{0,399}[a-z])[\w-]{40,400}(?![\w-])`,
  String.raw`(?<![\w.-])atlasv1\.(?=[\w=-]{0,69}[A-Z])(?=[\w=-]{0,69}[a-z])(?=[\w=-]{0,69}[0-9])[\w=-]{60,70}(?![\w-])`,
  // Round 69 (69a-3): gitleaks' rules alibaba-access-key-id, clojars-api-token, rubygems-api-token, sourcegraph-access-token,
  // prefect-api-token, readme-api-token, shippo-api-token, infracost-api-token, octopus-deploy-api-key (`API-` + 26 upper
  // case or digits; a digit asked here, so `API-` and a word in capitals stays a name), artifactory-api-key,
  // gitlab-runner-registration-token, easypost-api-token, flutterwave-secret-key, duffel-api-token, frameio-api-token,
  // adobe-client-secret, scalingo-api-token, harness-api-key, settlemint (`sm_aat_`/`sm_pat_`/`sm_sat_`),
  // airtable-personnal-access-token, typeform-api-token and twitter-bearer-token (both asked beside their vendor's name
  // there; their prefix alone here), azure-ad-client-secret (`<3><digit>Q~` + 31 to 34): config/gitleaks.toml at
  // gitleaks/gitleaks@b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b.
  String.raw`(?<![A-Za-z0-9])(?:LTAI[A-Za-z0-9]{20}|(?:CLOJARS|clojars)_[A-Za-z0-9]{60}|rubygems_[a-f0-9]{48}|sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}|pnu_[A-Za-z0-9]{36}|rdme_[a-z0-9]{70}|shippo_(?:live|test)_[a-fA-F0-9]{40}|ico-[A-Za-z0-9]{32}|API-(?=[A-Z]{0,25}[0-9])[A-Z0-9]{26}|AKCp[A-Za-z0-9]{69}|GR1348941[\w-]{20}|EZAK[A-Za-z0-9]{54}|p8e-[A-Za-z0-9]{32}|tk-us-[\w-]{48}|sm_[aps]at_[A-Za-z0-9]{16}|pat[A-Za-z0-9]{14}\.[a-f0-9]{64}|A{22}[A-Za-z0-9%]{80,100})(?![A-Za-z0-9])`,
  String.raw`(?<![A-Za-z0-9])(?:FLWSECK_TEST-[a-hA-H0-9]{32}-X|duffel_(?:test|live)_[\w=-]{43}|fio-u-[\w=-]{64}|[ps]at\.[\w-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}|tfp_[\w.=-]{59})(?![\w-])`,
  String.raw`(?<![\w~.])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])`,
  // Vault's legacy service token `s.` + 24 (before Vault 1.10's `hvs.`): as many words and methods start `s.`, only
  // upper- and lower-case letters and a digit, alone (gitleaks: a quote, a blank, `;` or the end after it).
  String.raw`(?<![\w.$-])s\.(?=[a-z0-9]{0,23}[A-Z])(?=[A-Z0-9]{0,23}[a-z])(?=[A-Za-z]{0,23}[0-9])[A-Za-z0-9]{24}(?=["'\x60\s;]|$)`,
  // Round 76 (76a-9): Brevo (Sendinblue) API keys `xkeysib-` + 64 hex + `-` + 16 (gitleaks sendinblue-api-token; any
  // hex length of 32 or more here, the prefix being Brevo's alone) and its SMTP keys `xsmtpsib-` alike, Plaid
  // access tokens `access-<environment>-<UUID>` (gitleaks plaid-api-token, which also asks `plaid` nearby: the
  // environment and the UUID alone here, so `access-control-allow-origin` stays a name), and a PagerDuty integration URL
  // `events.pagerduty.com/integration/<integration key>/enqueue`, whose key lets anyone raise incidents
  // (developer.pagerduty.com/docs/events-api-v2-overview: the key is 32 characters).
  String.raw`(?<![A-Za-z0-9])(?:x(?:keysib|smtpsib)-[a-f0-9]{32,}-[A-Za-z0-9]{16}|access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])`,
  String.raw`${caseless('pagerduty.com')}\/${caseless('integration')}\/[A-Za-z0-9]{32}(?![\w-])`,
];

/**
 * age's secret key: Bech32's alphabet, 58 characters after `AGE-SECRET-KEY-1` (FiloSottile/age,
 * age-encryption.org/v1: 32 bytes and a checksum). PuTTY's `.ppk`: the base64 lines after `Private-Lines: N`
 * (the private key; `Public-Lines` and `Private-MAC` tell nothing), on lines or blanks, as a text may join them.
 */
const KEYS = [
  String.raw`(?<![A-Za-z0-9-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])`,
  String.raw`Private-Lines:\s*\d+(?:\s+[A-Za-z0-9+/]+={0,2})+`,
  // Round 38a-5: OpenVPN's static key (`--tls-auth`, `--tls-crypt`, `--secret`: 2048 bits of hex, armoured like PEM) and
  // tls-crypt-v2 keys (OpenVPN/openvpn doc/man-sections/tls-options.rst), bare or inline in a .ovpn's `<tls-auth>`:
  // to the END line, or to the next armour line (the body never runs over five dashes: linear, as PEM keys are read).
  String.raw`-----BEGIN OpenVPN (?:Static key V1|tls-crypt-v2 (?:client|server) key)-----(?:[^-]|-(?!----))*(?:-----END OpenVPN [A-Za-z0-9 -]{0,40}-----)?`,
];

const TOKEN = new RegExp(TOKENS.join('|'), 'g');
const KEY = new RegExp(KEYS.join('|'), 'gi');
/**
 * What every token above starts with, in any letter case: a text without any holds none, and is not scanned further.
 * Each clue starts with a literal character, and the pattern tries the clues of that character only (byFirstCharacter):
 * an alternation of sixty clues is tried clue by clue at every position, two and a half times slower on every text.
 */
const CLUES = [
  String.raw`gh[pousr]_`,
  String.raw`github_pat_`,
  String.raw`gl(?:pat|rt|dt|ptt|ft|soat|ffct|imt|agent|oas|cbt)-`,
  String.raw`xox[abposre][-.]`,
  String.raw`xapp-`,
  String.raw`hooks\.slack\.com`,
  String.raw`sk_(?:test|live|prod)_`,
  String.raw`rk_(?:test|live|prod)_`,
  String.raw`A3T`,
  String.raw`AKIA`,
  String.raw`ASIA`,
  String.raw`ABIA`,
  String.raw`npm_`,
  String.raw`AIza`,
  String.raw`T3BlbkFJ`,
  String.raw`sk-ant-`,
  String.raw`eyJ`,
  String.raw`hv[sbr]\.`,
  String.raw`SG\.`,
  String.raw`hf_`,
  String.raw`api_org_`,
  String.raw`do[opr]_v1_`,
  String.raw`shp(?:at|ca|pa|ss)_`,
  String.raw`pypi-`,
  String.raw`gls?[ac]_`,
  String.raw`ATATT3`,
  String.raw`dckr_`,
  String.raw`tskey-`,
  String.raw`SWMTKN-1-`,
  String.raw`@[\w.-]{1,64}!`,
  String.raw`SK[0-9a-f]{32}`,
  String.raw`dapi[0-9a-f]{32}`,
  String.raw`key-[0-9a-f]{32}`,
  String.raw`NRAK-`,
  String.raw`sntry[su]_`,
  String.raw`pul-[0-9a-f]{40}`,
  String.raw`dp\.pt\.`,
  String.raw`pscale_`,
  String.raw`fo1_`,
  String.raw`fm[12][ar]?_`,
  String.raw`lin_api_`,
  String.raw`atlasv1`,
  String.raw`v1\.0-`,
  String.raw`ya29\.`,
  String.raw`sq0(?:atp|csp)-`,
  String.raw`gsk_`,
  String.raw`r8_`,
  String.raw`discord`,
  String.raw`hooks\/`,
  String.raw`maker\.ifttt`,
  String.raw`oncall\/integrations`,
  String.raw`webhook(?:s|-test)?\/[0-9a-f]`,
  String.raw`PMAK-`,
  String.raw`ntn_`,
  String.raw`sbp_`,
  String.raw`sb_secret_`,
  String.raw`xai-`,
  String.raw`pplx-`,
  String.raw`sk-(?:or|proj|svcacct|admin)-`,
  String.raw`ops_`,
  String.raw`GOCSPX-`,
  String.raw`whsec_`,
  String.raw`ATBB`,
  String.raw`figd_`,
  String.raw`bkua_`,
  String.raw`dp\.(?:st|ct|sa|scim|audit)\.`,
  String.raw`secret_`,
  String.raw`webhook\.office`,
  String.raw`outlook\.office`,
  String.raw`s\.[A-Za-z0-9]{24}`,
  String.raw`sk-[A-Za-z0-9]{48}`,
  String.raw`nfp_`,
  String.raw`rnd_`,
  String.raw`vercel_`,
  String.raw`vc[piark]_`,
  String.raw`fly_`,
  String.raw`FlyV1 `,
  String.raw`dt0[a-z]\d\d\.`,
  String.raw`HRKU-AA`,
  String.raw`sk\.eyJ`,
  String.raw`CFPAT-`,
  String.raw`CCIPAT_`,
  String.raw`snyk_`,
  String.raw`lsv2_`,
  String.raw`re_[A-Za-z0-9]{8}_`,
  String.raw`phx_`,
  String.raw`sk-[0-9a-f]{32}`,
  String.raw`1\/\/0`,
  String.raw`1%2f%2f0`,
  String.raw`LTAI`,
  String.raw`clojars_`,
  String.raw`rubygems_`,
  String.raw`sgp_`,
  String.raw`pnu_`,
  String.raw`rdme_`,
  String.raw`shippo_`,
  String.raw`ico-`,
  String.raw`API-`,
  String.raw`AKCp`,
  String.raw`GR1348941`,
  String.raw`EZAK`,
  String.raw`p8e-`,
  String.raw`tk-us-`,
  String.raw`sm_[aps]at_`,
  String.raw`pat[A-Za-z0-9]{14}\.`,
  String.raw`AAAAAAAAAAAAAAAAAAAAAA`,
  String.raw`FLWSECK_TEST-`,
  String.raw`duffel_`,
  String.raw`fio-u-`,
  String.raw`pat\.`,
  String.raw`sat\.`,
  String.raw`tfp_`,
  String.raw`x(?:keysib|smtpsib)-`,
  String.raw`access-(?:sandbox|development|production)-`,
  String.raw`pagerduty\.com\/integration\/`,
];
const CLUE = new RegExp(byFirstCharacter(CLUES), 'i');

/** `a(?:bc|d)|x(?:y)` for `abc`, `ad`, `xy`: the clues grouped by their first character, lower-cased for the `i` flag. */
function byFirstCharacter(clues: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const clue of clues) groups.set(clue[0].toLowerCase(), [...(groups.get(clue[0].toLowerCase()) ?? []), clue.slice(1)]);
  return [...groups].map(([first, rests]) => `${first === '-' ? '\\-' : first}(?:${rests.join('|')})`).join('|');
}
/**
 * The clues that start with a digit or a hex digit (Telegram's `<id>:A…`, Mailchimp's `<hex>-us<n>`), by the literal
 * after it and in the tokens' own case: an alternative led by a class is tried at nearly every position, which made
 * CLUE ten to twenty times slower on every text; each clue only needs to be a superset of what TOKEN finds.
 */
// 81c-4: AWS's `ACCA` and Meta's and Square's `EAA…` here too: in any case, hex digests hold them (`…86accacf…`), and
// each such text was scanned by TOKEN whole (a SHA256SUMS list: most of a second a MB per reading).
const CASED_CLUE = /:A|-us\d|\dQ~|ACCA|EAA[ABCGM]/;
const KEY_CLUE = /AGE-SECRET-KEY-1|Private-Lines:|-----BEGIN OpenVPN /i;
const PUTTY_HEADER = /PuTTY-User-Key-File-\d+:/i;

const spansOf = (pattern: RegExp, text: string): Array<[number, number]> =>
  [...text.matchAll(pattern)].map(({ index, 0: match }) => [index, index + match.length]);

/** Where a text holds a fixed-prefix token. */
export function vendorTokenSpans(text: string): Array<[number, number]> {
  return CLUE.test(text) || CASED_CLUE.test(text) ? spansOf(TOKEN, text) : [];
}

/** Where a text holds an age secret key or a PuTTY key's private lines. */
export function toolPrivateKeySpans(text: string): Array<[number, number]> {
  if (!KEY_CLUE.test(text)) return [];
  // `Private-Lines:` is PuTTY's only in a key file, which starts with its header (`Private-Lines: 2 lines` is prose).
  const putty = PUTTY_HEADER.test(text);
  return spansOf(KEY, text).filter(([start]) => putty || !/^Private-Lines/i.test(text.slice(start, start + 13)));
}
