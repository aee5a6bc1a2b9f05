import { looksGenerated } from './generated-runs';
import { namesSecretValue } from './secrets-keys';

/**
 * References in other tools' syntax (attack round 68a-13), each the whole value, for code-references.ts as
 * `${DB_PASSWORD}` and `process.env.DB_PASSWORD` are ones: the tool fills the secret in where it runs.
 * - cmd.exe's `%DB_PASSWORD%` (learn.microsoft.com windows-server/administration/windows-commands/set) and PowerShell's
 *   `$env:DB_PASSWORD`, `${env:DB_PASSWORD}` (learn.microsoft.com powershell about_Environment_Variables);
 * - Concourse's `((db_password))`, `((vault:db.password))` (concourse-ci.org/vars.html) and Octopus' `#{DB.Password}`
 *   (octopus.com/docs/projects/variables/variable-substitutions; Azure Pipelines' Replace Tokens adds a closing `#`);
 * - a Go struct literal's field read from a config (`Password: cfg.DBPassword,`: a lower-case variable, exported fields,
 *   the last named like a secret, then the `,` a composite literal's field ends with; `Summer.Password` stays a value);
 * - Terraform's attribute of a resource typed like a secret (`random_password.db.result`:
 *   registry.terraform.io/providers/hashicorp/random/latest/docs/resources/password, attribute `result`);
 * - a file holding the secret: an absolute path after `file:` or curl's and the Vault CLI's `@` (`@/run/secrets/db`, Docker's
 *   secrets folder: docs.docker.com/engine/swarm/secrets).
 * - 69a-14: Kafka's file and directory config providers, `${file:/opt/kafka/secrets.properties:password}` (apache/kafka
 *   clients/src/main/java/org/apache/kafka/common/config/provider/FileConfigProvider.java; `${env:…}` is PowerShell's form above);
 *   Home Assistant's `!secret db_password` (home-assistant.io/docs/configuration/secrets: read from secrets.yaml); Azure App
 *   Service's `@Microsoft.KeyVault(SecretUri=…)` or `(VaultName=…;SecretName=…)` (learn.microsoft.com azure/app-service/
 *   app-service-key-vault-references, "Reference syntax"); Maven resource filtering's `@db.password@` (maven.apache.org/
 *   plugins/maven-resources-plugin/examples/filter.html: `@…@` is a default delimiter); Azure Pipelines' Replace Tokens
 *   `#{DbPassword}#` then the `;` a connection string's field ends with; Spring Cloud GCP's `sm://my-project/db-password`
 *   (googlecloudplatform.github.io/spring-cloud-gcp, "Secret Manager") and the Serverless Framework's `ssm:/prod/db/password`
 *   (serverless.com/framework/docs/guides/variables/aws/ssm), or an SSM parameter's ARN (78a-19).
 * - 71a-11: a secret store's name for a secret: Google Secret Manager's `projects/123/secrets/db-password/versions/latest`
 *   (cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets.versions, "name"), an Azure Key Vault secret
 *   identifier `https://kv.vault.azure.net/secrets/db-password/<32-hex version>` (learn.microsoft.com azure/key-vault/
 *   general/about-keys-secrets-certificates, "Object identifiers"); Symfony's env processor `%env(DB_PASSWORD)%`
 *   (symfony.com/doc/current/configuration/env_var_processors.html); Compose's escaped `$${DB_PASSWORD}` (docs.docker.com
 *   compose-file/12-interpolation: `$$` writes a `$`, which the container's shell expands); Nomad Pack's `[[ .db_password ]]`
 *   (github.com/hashicorp/nomad-pack docs: `[[ ]]` delimiters); an ERB or EPP template's variable (`<%= @db_password %>`,
 *   `<%= $db_password %>`) and Rails' encrypted credentials (`Rails.application.credentials.dig(:db, :password)`:
 *   guides.rubyonrails.org/security.html, "Custom Credentials"); the AWS CDK's `SecretValue.secretsManager('prod/db')`
 *   (docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.SecretValue.html); CloudFormation's `!Ref DbPassword` (a parameter,
 *   the last name named like a secret, as Maven's property below).
 * Names are words: one that looks generated (`%Xk9mQ2vLpT7w%`) is a value.
 */
const VARIABLE = String.raw`[A-Za-z_][\w]{0,63}`;
const PATH = String.raw`/[\w.-]{1,64}(?:/[\w.-]{1,64}){0,15}`;
const TOOL_REFERENCE = new RegExp(
  `^(?:${[
    String.raw`%${VARIABLE}%`,
    String.raw`\$env:${VARIABLE}|\$\{env:${VARIABLE}\}`,
    String.raw`\(\([ \t]*(?:[\w-]{1,64}:)?${VARIABLE}(?:\.${VARIABLE}){0,7}[ \t]*\)\)`,
    String.raw`#\{${VARIABLE}(?:\.${VARIABLE}){0,7}\}#?;?`,
    String.raw`\$\{(?:file|directory):${PATH}(?::[\w.-]{1,128})?\}`,
    String.raw`sm://[\w.-]{1,255}(?:/[\w.-]{1,255}){0,5}|ssm:${PATH}`,
    // 78a-19: an SSM parameter's ARN, as ECS's `valueFrom` takes one (docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html).
    String.raw`arn:aws[a-z-]{0,16}:ssm:[a-z0-9-]{1,32}:\d{12}:parameter${PATH}`,
    String.raw`!secret[ \t]+[\w-]{1,128}`,
    String.raw`@Microsoft\.KeyVault\((?:SecretUri=https://[\w.-]{1,253}/secrets/[\w-]{1,127}(?:/[\w]{0,64})?/?|VaultName=[\w-]{1,64};SecretName=[\w-]{1,127}(?:;SecretVersion=\w{1,64})?)\)`,
    String.raw`projects/[\w-]{1,64}/secrets/[\w-]{1,255}(?:/versions/(?:latest|\d{1,20}))?`,
    String.raw`%env\((?:[a-z_]{1,32}:){0,4}${VARIABLE}\)%|\$\$\{${VARIABLE}\}`,
    String.raw`\[\[[ \t]*\.${VARIABLE}(?:\.${VARIABLE}){0,7}[ \t]*\]\]`,
    String.raw`<%=?[ \t]*[@$]${VARIABLE}[ \t]*-?%>`,
    String.raw`(?:<%=[ \t]*)?Rails\.application\.credentials(?:\.dig\([ \t]*:\w{1,64}(?:[ \t]*,[ \t]*:\w{1,64}){0,7}[ \t]*\)|\.\w{1,64}|\[:\w{1,64}\]){1,8}(?:[ \t]*-?%>)?`,
    String.raw`SecretValue\.(?:secretsManager|ssmSecure)\([ \t]*(["'])[\w/+=.@:-]{1,512}\1[ \t]*\)`,
    // Only with its `file:` or `@`: a bare path under a password's name is that password, whatever it looks like (attack 7 H2).
    // 77a-7: also a file URL (`file:///run/secrets/db`, RFC 8089) and Terraform's `file("/run/secrets/db")` (developer.hashicorp.com/
    // terraform/language/functions/file: the file's contents).
    String.raw`(?:file:(?://)?|@)${PATH}|file\([ \t]*"${PATH}"[ \t]*\)`,
  ]
    .map((form) => `(?:${form})`)
    .join('|')})$`,
);
const MAVEN_PROPERTY = /^@((?:[A-Za-z_][\w-]{0,63}\.){0,7}([A-Za-z_][\w-]{0,63}))@$/;
/** An Azure Key Vault secret identifier, its secret's name caught: the version after it is a 32-hex id, no secret. */
const AZURE_SECRET_ID = /^https:\/\/[a-z0-9-]{3,24}\.vault\.azure\.net\/secrets\/([A-Za-z0-9-]{1,127})(?:\/[0-9a-f]{32})?\/?$/;
const CLOUDFORMATION_REF = /^!Ref[ \t]+([A-Za-z][A-Za-z0-9]{0,254})$/;
const GO_FIELD = /^[a-z]{1,32}(?:\.[A-Z][A-Za-z]{0,63}){1,4},$/;
const TERRAFORM = /^([a-z][a-z_]{0,63})\.[a-z][a-z0-9_-]{0,63}\.[a-z][a-z_]{0,63}$/;

/** Whether `text` (blanks around it aside) is only a reference in one of the tools' syntax above. */
export function isToolReference(text: string): boolean {
  if (text.length > 1024) return false;
  const value = text.trim();
  const vaultSecret = AZURE_SECRET_ID.exec(value)?.[1];
  if (vaultSecret !== undefined) return !looksGenerated(vaultSecret);
  if (looksGenerated(value)) return false;
  if (TOOL_REFERENCE.test(value)) return true;
  // Maven's `@db.password@`: a property named like a secret (`@hunter@` is a value).
  const maven = MAVEN_PROPERTY.exec(value);
  if (maven) return namesSecretValue(maven[2]);
  const parameter = CLOUDFORMATION_REF.exec(value)?.[1];
  if (parameter !== undefined) return namesSecretValue(parameter);
  if (GO_FIELD.test(value)) return namesSecretValue(value.slice(value.lastIndexOf('.') + 1, -1));
  const terraform = TERRAFORM.exec(value);
  return !!terraform && namesSecretValue(terraform[1]);
}
