import { VENDOR_TOKEN, vendorTokenSpans } from './token-shapes';

/**
 * Round 61 (61a-19): the vendor of a fixed-prefix token (token-shapes.ts), where its prefix says it, so a refusal says
 * "a SendGrid API key" rather than the list of other vendors' prefixes. Never the token: its prefix at most.
 */
const VENDORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^gh[pousr]_|^github_pat_/, 'a GitHub token'],
  [/^gl[a-z]{1,5}-/, 'a GitLab token'],
  [/^xox|^xapp-|slack\.com/i, 'a Slack token or webhook URL'],
  [/^[sr]k_(?:test|live|prod)_/, 'a Stripe secret key'],
  [/^(?:A3T|AKIA|ASIA|ABIA|ACCA)/, 'an AWS access key ID'],
  [/^npm_/i, 'an npm access token'],
  [/^AIza/, 'a Google API key'],
  [/^ya29\./, 'a Google OAuth access token'],
  [/^GOCSPX-/, 'a Google OAuth client secret'],
  [/^sk-ant-/, 'an Anthropic API key'],
  [/^sk-[0-9a-f]{32}$/, 'a DeepSeek API key'],
  [/^sk\.eyJ/, 'a Mapbox secret access token'],
  [/^sk-or-/, 'an OpenRouter API key'],
  [/^sk-/, 'an OpenAI API key'],
  [/^eyJhIjoi/, 'a Cloudflare Tunnel token'],
  [/^eyJ/, 'a JSON Web Token'],
  [/^hv[sbr]\.|^s\./, 'a HashiCorp Vault token'],
  [/^SG\./, 'a SendGrid API key'],
  [/^hf_|^api_org_/, 'a Hugging Face token'],
  [/^do[opr]_v1_/, 'a DigitalOcean token'],
  [/^shp/, 'a Shopify token'],
  [/^pypi-/, 'a PyPI upload token'],
  [/^gl(?:sa|c)_/, 'a Grafana token'],
  [/^ATATT/, 'an Atlassian API token'],
  [/^dckr_/, 'a Docker Hub access token'],
  [/^tskey-/, 'a Tailscale key'],
  [/^SWMTKN-/, 'a Docker Swarm join token'],
  [/^[\w.-]+@[\w.-]+!/, 'a Proxmox VE API token'],
  [/^ntn_|^secret_/, 'a Notion token'],
  [/^nfp_/, 'a Netlify access token'],
  [/^rnd_/, 'a Render API key'],
  [/^vercel_/, 'a Vercel token'],
  [/^fly_|^FlyV1 |^f[mo][12]?[ar]?_/, 'a Fly.io token'],
  [/^EAA[BCGM]/, 'a Meta (Facebook) access token'],
  [/^EAAA|^sq0/, 'a Square token'],
  [/^lin_api_/, 'a Linear API key'],
  [/^PMAK-/, 'a Postman API key'],
  [/^whsec_/, 'a webhook signing secret (Stripe, Svix)'],
  [/^dt0[a-z]\d\d\./, 'a Dynatrace API token'],
  [/^HRKU-/, 'a Heroku API key'],
  [/^CFPAT-/, 'a Contentful personal access token'],
  [/^CCIPAT_/, 'a CircleCI personal API token'],
  [/^snyk_/, 'a Snyk API token'],
  [/^lsv2_/, 'a LangSmith API key'],
  [/^re_/, 'a Resend API key'],
  [/^phx_/, 'a PostHog personal API key'],
  [/^1(?:\/\/|%2F%2F)/i, 'a Google OAuth refresh token'],
  [/^\d{5,16}:A/, 'a Telegram bot token'],
  [/^atlasv1\.|\.atlasv1\./, 'a HashiCorp Terraform (HCP) API token'],
  // Round 76 (76a-8, 76a-9): webhook URLs whose path is the credential, and other vendors the generic text listed.
  [/^discord/i, 'a Discord webhook URL'],
  [/^hooks\.zapier/i, 'a Zapier catch-hook URL'],
  [/office(?:365)?\.com\/webhook/i, 'a Microsoft Teams webhook URL'],
  [/^maker\.ifttt/i, 'an IFTTT Maker webhook URL'],
  [/^pagerduty/i, 'a PagerDuty integration URL'],
  [/^key-[0-9a-f]{32}$/, 'a Mailgun API key'],
  [/^dapi/, 'a Databricks access token'],
  [/^dp\./, 'a Doppler token'],
  [/^pul-/, 'a Pulumi access token'],
  [/^rubygems_/, 'a RubyGems API key'],
  [/^NRAK-/, 'a New Relic user API key'],
  [/^clojars_/i, 'a Clojars deploy token'],
  [/^pscale_/, 'a PlanetScale token'],
  [/^shippo_/, 'a Shippo API token'],
  [/^ops_eyJ/, 'a 1Password service account token'],
  [/^sntry[su]_/, 'a Sentry token'],
  [/^x(?:keysib|smtpsib)-/, 'a Brevo (Sendinblue) API key'],
  [/^access-(?:sandbox|development|production)-/, 'a Plaid access token'],
];

/** What the first fixed-prefix token in `text` is called: its vendor where known (secret-shapes.ts FINDERS `named`). */
export function vendorTokenIn(text: string): string {
  const [span] = vendorTokenSpans(text);
  const token = span ? text.slice(span[0], span[1]) : '';
  const vendor = VENDORS.find(([prefix]) => prefix.test(token))?.[1];
  return vendor ? `${vendor} (a vendor token with a fixed prefix)` : VENDOR_TOKEN;
}
