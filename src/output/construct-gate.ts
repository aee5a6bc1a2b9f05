import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { unshownName } from '../config/cluster-name';
import { oneLine } from '../core/problem';
import { redactMessage } from '../core/redact-message';
import { K3sVipValidationError } from '../core/validation-error';
import { stringifyManifests } from '../core/yaml';
import { renderObjects, secretIdRefusal } from './construct-render';
import { sameRendering } from './same-rendering';
import { clusterIpFindings, ServiceNetwork } from './construct-cluster-ips';
import type * as AppRules from './construct-app-rules';
import type * as ClusterScope from './cluster-scope';
import type * as SiblingFiles from './construct-sibling-files';
import { DEFAULT_SERVICE_CIDR } from '../pins';
import type * as PassMemo from './pass-memo';
import type * as SecretGate from './secret-gate';
import type * as Conformance from '../validate/conformance';
import type * as SchemaMemo from '../validate/schema-memo';
import type * as YamlStreams from './yaml-streams';

/** The constructs that run the gate, each over everything it holds; one held by another is judged by that one. */
const gated = new WeakSet<IConstruct>();
/** Apps whose files their caller gates (synth): their constructs leave it to that. */
const gatedByCaller = new WeakSet<IConstruct>();
/**
 * Each construct's last rendering and findings: cdk8s validates the whole app again for every chart it renders. The
 * rendering is compared as data (same-rendering.ts), so the files are written as text only when it changed.
 */
const lastVerdict = new WeakMap<
  IConstruct,
  { readonly names: string; readonly documents: readonly unknown[]; readonly verdict: ReturnType<typeof gateFindings> }
>();

/** What every refusal of the gate says after its finding (synth says the same of dist/). */
const GATE_REFUSAL =
  'no secret may be written to a generated file (it is committed to Git): keep it in a Kubernetes Secret and reference it';

/**
 * Round 58 (attack 58a-9): the construct library's side of the write gate. `npm run synth` runs secret-gate.ts over
 * every file before it writes one; an app built from the constructs writes its files with cdk8s' `App.synth()`,
 * which runs each construct's validations first. This adds one to `construct`: the objects it holds, rendered as
 * `App.synth()` writes them (one text per chart, `<chart path>.yaml`), go through the same gate, so a value the props'
 * checks let through, a patch (`addJsonPatch`) or an object added under the construct later is refused there, named
 * by file and key path, never by value. `Chart.toJson()` runs the app's validations too (cdk8s lib/app.js
 * `_synthChart`); synth, which renders with it and gates its own files once, marks its apps (gateFilesOf). The ids of
 * the charts and constructs above the objects name the files cdk8s writes (`<app>-<chart>-<hash>.k8s.yaml`): an id that
 * looks like a secret is refused too, and never shown (review60-5). The gate's modules load only when an app synthesizes.
 * Round 63 (63b-1): the same files go through synth's conformance rules, and, with `serviceNetwork` (the network the
 * construct's props or config name), their Services' cluster IPs are judged in it (construct-cluster-ips.ts).
 */
export function gateWhatItRenders(construct: Construct, serviceNetwork?: () => ServiceNetwork | undefined): void {
  gated.add(construct);
  construct.node.addValidation({
    validate: () => {
      const judgedElsewhere =
        gatedByCaller.has(construct.node.root) || construct.node.scopes.slice(0, -1).some((scope) => gated.has(scope));
      if (judgedElsewhere) return [];
      const { findings, idHidden } = gateFindings(construct, serviceNetwork?.());
      // cdk8s would put the construct's path, id and all, before each line: said here, in one error, without it.
      // An object cdk8s cannot render (61b-7) is said the same way: synth would stop on it with the engine's error.
      if (idHidden) throw new K3sVipValidationError(findings.map((message) => ({ path: [], message })));
      return [...findings];
    },
  });
}

/**
 * For synth, which renders `app`'s charts with `Chart.toJson()` (each call validates the whole app) and runs the gate
 * once over the files it makes, naming their config file's lines: the constructs in `app` leave the gate to it.
 */
export function gateFilesOf(app: IConstruct): void {
  gatedByCaller.add(app);
}

/** Whether synth judges the files of `construct`'s app itself (gateFilesOf), from its config, so its validations need not. */
export function judgedByCaller(construct: IConstruct): boolean {
  return gatedByCaller.has(construct.node.root);
}

/** The gate's findings on what `construct` renders, one line each, with what to do, and whether an id is not shown. */
function gateFindings(
  construct: Construct,
  network: ServiceNetwork | undefined,
): { readonly findings: readonly string[]; readonly idHidden: boolean } {
  const { byChart, failures } = renderObjects(construct);
  const documentsOf = new Map([...byChart].map(([chart, documents]) => [`${chart.node.path || chart.node.id}.yaml`, documents]));
  // Every id on the way to a chart (one with objects, or an empty one it holds): each is part of a file name cdk8s writes.
  const charts = [...byChart.keys(), ...construct.node.findAll().filter((child): child is Chart => Chart.isChart(child))];
  // The construct's own path too: cdk8s prints it before each finding this returns (61b-6).
  const ids = [...new Set([...charts, construct].flatMap((scope) => scope.node.scopes.map((above) => above.node.id)))];
  const hidden = ids.flatMap(unshownName);
  const names = JSON.stringify([ids, failures, network, ...documentsOf.keys()]);
  const documents = [...documentsOf.values()];
  const last = lastVerdict.get(construct);
  const own = last?.names === names && sameRendering(last.documents, documents) ? last.verdict : ownFindings();
  lastVerdict.set(construct, { names, documents, verdict: own });
  // The app rules (construct-app-rules.ts) read the objects around the construct, which may change between two synths
  // of one app while this construct's own files do not: judged every time, never remembered.
  if (own.findings.length) return own;
  // 71d-5, 71d-6: the lead's objects no gated construct holds stop it the same way (construct-sibling-files.ts).
  const refused = isLead(construct) ? siblingRefusalsOf(construct) : [];
  if (refused.length) return { findings: refused, idHidden: true };
  return { findings: appRulesOf(construct, network).map((f) => redactMessage(f, hidden)), idHidden: own.idHidden };

  function ownFindings(): { readonly findings: readonly string[]; readonly idHidden: boolean } {
    const files = new Map([...documentsOf].map(([file, rendered]) => [file, stringifyManifests(rendered)]));
    const badIds = ids.filter((id) => unshownName(id).length).map((id) => secretIdRefusal(id, hidden));
    // The gate and the conformance rules read the same texts: each is parsed once for both, as synth does (yaml-streams.ts).
    const { yamlStreams } = require('./yaml-streams') as typeof YamlStreams;
    const streams = yamlStreams();
    const secrets = secretsInTexts(files, streams);
    const named = secrets.length ? ownObjectSecrets(construct, secrets) : [];
    const findings = [...badIds, ...failures, ...redactedRefusals(named, [...files], hidden)];
    // As synth: the rules read only files the gate passed (a line over 3 MiB is refused unread, a secret first).
    if (!findings.length)
      findings.push(
        ...[...conformanceOf(files, streams), ...(network ? clusterIpFindings(documentsOf, network) : [])].map((f) =>
          redactMessage(f, hidden),
        ),
      );
    return { findings, idHidden: badIds.length > 0 || failures.length > 0 };
  }
}

/** The gate over `files` (name -> text), remembering nothing on disk: a library writes only what its app writes. */
export function secretsInTexts(files: ReadonlyMap<string, string>, streams?: YamlStreams.YamlStreams): string[] {
  const { secretsInFiles } = require('./secret-gate') as typeof SecretGate;
  const { NO_MEMO } = require('./pass-memo') as typeof PassMemo;
  return secretsInFiles(files, streams, NO_MEMO);
}

/**
 * The gate's `findings` over `texts` (file, text) said as the constructs say them, without `hidden` and without the
 * secrets the files hold: a construct's id or path may copy a refused value (76a-6: id `ZX9Q-WM4V-LP2T-KR7N` beside
 * `token: Zx9qWm4vLp2TkR7n`), and the message redactor blanks its copies as the config door's messages blank them.
 */
function redactedRefusals(
  findings: readonly string[],
  texts: ReadonlyArray<readonly [string, string]>,
  hidden: readonly string[],
): string[] {
  if (!findings.length) return [];
  const { secretsOfFile } = require('./secret-gate') as typeof SecretGate;
  const secrets = [...hidden, ...texts.flatMap(([path, text]) => secretsOfFile(path, text))];
  return findings.map((finding) => redactMessage(constructRefusal(finding), secrets));
}

/**
 * Round 63 (attack 63b-1): the conformance rules synth runs over dist/ (validate/conformance.ts: schema, API server and
 * domain rules), over the files the gate renders, so a patched port 70000, a plain `ApiObject` with `Bad_Name` or an
 * apiVersion no API server serves is refused here as `npm run synth` refuses it, by file, object and field (the
 * messages hide the objects' secrets, as synth's do). Rules that relate objects see only what this construct holds.
 * The schema memo remembers nothing: a library run writes no memo of its own (schema-memo.ts).
 */
function conformanceOf(files: ReadonlyMap<string, string>, streams?: YamlStreams.YamlStreams): string[] {
  const { validateManifests, formatViolation } = require('../validate/conformance') as typeof Conformance;
  const { schemaMemo } = require('../validate/schema-memo') as typeof SchemaMemo;
  try {
    return validateManifests(files, streams, schemaMemo(undefined)).map(formatViolation);
  } catch (e) {
    // Out of stack on data the gate read (synth says its error line): named by file, never with the engine's text.
    if (e instanceof RangeError)
      return [`${[...files.keys()].join(', ')}: the conformance rules cannot finish reading it: give plainer, smaller objects`];
    // A missing CRD folder (crds.ts says which and what to do): its own words, which hold a path, not the data.
    return [`the conformance rules cannot run: ${oneLine(e instanceof Error ? e.message : String(e))}`];
  }
}

/**
 * Round 64 (64b-4, 64b-5): the YAML door's rules across objects (duplicate identities and cluster IPs, releases of this
 * tool's components, VIP and port clashes, VIPs in the Service network) over every object of the app, as
 * construct-app-rules.ts reads them; loaded with the gate.
 */
function appRulesOf(construct: Construct, network: ServiceNetwork | undefined): string[] {
  const { appRuleFindings } = require('./construct-app-rules') as typeof AppRules;
  const lead = isLead(construct);
  const rules = appRuleFindings(construct, network, judged, lead);
  return [...(lead ? withoutExplained(siblingFileFindings(construct, judged, network), rules) : []), ...rules];
}

/**
 * 72a-9: a Traefik CRD's generic verdict on a sibling's field (`file: ref (construct p): field is 7; the ... schema of crds/traefik/...`)
 * yields to the Traefik rules' own on the same field (construct-traefik-parity.ts, `file: ref (construct p): field ...`),
 * which say the fix: one message per problem, as the config door keeps (core/problem.ts onePerPath).
 */
function withoutExplained(schemaFindings: string[], rules: readonly string[]): string[] {
  const explained = rules.flatMap((rule) => {
    const said = /^(.* \(construct [^)]*\)): (\S+) /.exec(rule);
    return said ? [`${said[1]}: ${said[2]} `] : [];
  });
  return schemaFindings.filter(
    (finding) => !finding.includes(' schema of crds/traefik/') || !explained.some((field) => finding.startsWith(field)),
  );
}

/** Whether `object` lies under a gated construct (which then judges it). */
const judged = (object: IConstruct): boolean => object.node.scopes.some((scope) => gated.has(scope));

/** The first gated construct of its cluster's (an outer one comes first) also says what no gated construct holds (65b-3). */
function isLead(construct: Construct): boolean {
  const { clusterScope } = require('./cluster-scope') as typeof ClusterScope;
  return clusterScope(construct).find((scope) => gated.has(scope)) === construct;
}

/** What no gated construct holds that cdk8s cannot render, or whose chart id looks like a secret (construct-sibling-files.ts). */
function siblingRefusalsOf(construct: Construct): string[] {
  const { siblingRefusals } = require('./construct-sibling-files') as typeof SiblingFiles;
  return siblingRefusals(construct, judged);
}

/**
 * 70b-15, 70b-18: the lead says what the write gate, synth's conformance rules and the cluster-IP rule find in the files of objects no
 * gated construct holds (construct-sibling-files.ts), judged in its Service network (K3s' default when it notes none),
 * as a gated construct's own files are (ownFindings).
 */
function siblingFileFindings(construct: Construct, judged: (object: IConstruct) => boolean, network: ServiceNetwork | undefined): string[] {
  const { siblingDocuments, siblingObjects, withConstructPaths } = require('./construct-sibling-files') as typeof SiblingFiles;
  const objects = siblingObjects(construct, judged);
  if (!objects.length) return [];
  // Round 71: the write gate first, object by object, as over the construct's own files (ownFindings): a library user's
  // `app.synth()` writes these files too, with no synth gate after it. The rules then read only files it passed.
  const found = objectSecrets(objects);
  // The objects' texts again only to word a refusal (their secrets blanked in it): most synths have none.
  const secrets = found.length
    ? redactedRefusals(
        found.map(({ named }) => named),
        objects.map(({ file, documents }): [string, string] => [file, stringifyManifests(documents)]),
        [],
      )
    : [];
  // 78b-7: the objects the gate passed are still judged, so a secret in one hides no other object's problem.
  const passed = objects.filter((object) => !found.some((secret) => secret.object === object));
  if (!passed.length) return secrets;
  const documentsOf = siblingDocuments(passed);
  const files = new Map([...documentsOf].map(([file, documents]) => [file, stringifyManifests(documents)]));
  const placed = network ?? { cidr: DEFAULT_SERVICE_CIDR, key: "K3s' default serviceCidr" };
  return [...secrets, ...withConstructPaths([...conformanceOf(files), ...clusterIpFindings(documentsOf, placed)], passed)];
}

/** The gate over each object by itself (round 71): each finding as found, and `named` with the object's construct path. */
function objectSecrets(
  objects: readonly SiblingFiles.SiblingObject[],
): Array<{ readonly found: string; readonly named: string; readonly object: SiblingFiles.SiblingObject }> {
  return objects.flatMap((object) => {
    const { file, path, documents } = object;
    return secretsInTexts(new Map([[file, stringifyManifests(documents)]])).map((found) => ({
      object,
      found,
      named: found.startsWith(`${file}: `) ? `${file} (construct ${path}): ${found.slice(file.length + 2)}` : found,
    }));
  });
}

/**
 * 76a-7: the gate's `fileFindings` over `construct`'s own files, said object by object where an object alone gives
 * them, so a secret at the same key of two objects in one chart is two lines, each naming its object (its construct
 * path); a finding only the whole file gives is kept as it is.
 */
function ownObjectSecrets(construct: Construct, fileFindings: readonly string[]): string[] {
  const { renderedObject } = require('./construct-sibling-files') as typeof SiblingFiles;
  const byObject = objectSecrets(construct.node.findAll().flatMap(renderedObject));
  // A finding read from lines (`file:12: …`) names the line of the text it was read from: the object's, not the file's.
  const unlined = (finding: string) => finding.replace(/^([^:\n]*):\d+: /, '$1: ');
  const said = new Set(byObject.map(({ found }) => unlined(found)));
  // The object is named where its finding reads as another's (the same key of two ConfigMaps); else it reads as the file's.
  const count = new Map<string, number>();
  for (const { found } of byObject) count.set(unlined(found), (count.get(unlined(found)) ?? 0) + 1);
  const shown = byObject.map(({ found, named }) => (count.get(unlined(found))! > 1 ? named : found));
  return [...new Set([...shown, ...fileFindings.filter((finding) => !said.has(unlined(finding)))])];
}

/** A gate finding as the constructs say it (secret-gate.ts withRefusal, loaded with the gate). */
export function constructRefusal(finding: string): string {
  const { withRefusal } = require('./secret-gate') as typeof SecretGate;
  return withRefusal(finding, GATE_REFUSAL);
}
