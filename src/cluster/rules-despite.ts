import { applyBundledTraefikChart } from '../k3s/bundled-traefik';
import { CONFIG_SHAPE } from '../config/config-shape';
import type { DescribedProblem } from '../config/issues';
import { bare, shapeAt } from '../config/shape';
import { distinctive, standIns } from '../config/stand-ins';
import { zodSchema } from '../config/zod-lazy';
import { atOrUnderAny, followsFromDroppedAny, withoutDroppedItems } from '../core/dropped';
import { formatPath, Path, Problem } from '../core/problem';
import { checkClusterRules } from './rules';
import { issuerNameAsMeant } from '../cert-manager/names';
import { TRAEFIK_CHART_VERSION } from '../pins';

type Key = string | number;
type Node = Record<Key, unknown>;

/**
 * The cross-value findings of a config some of whose values are invalid, so one run shows every problem: the
 * invalid values are left out and the rest is parsed again; findings about a left-out value or its parents are
 * dropped (their own messages stand). Gives up when what is left still does not parse.
 *
 * A value outside any list or map takes its block along when the block needs it (`kubeVip.controlPlane` for a bad
 * address). A value inside a list item or a map entry (`ingresses[0].name: Fe_x`) leaves the item in place, with
 * two stand-ins (src/config/stand-ins.ts) in turn where the value was: the rules run with each, and only the
 * findings both runs give are kept, so a rule that needs the refused value says nothing, while one that does not
 * (the same item's undefined resolver, a duplicate host among the other items) still reports (attack 40b-6). An
 * item that is no object at all is left out of its list, the indices of the items after it kept for the messages.
 */
export function rulesDespite(data: unknown, problems: readonly DescribedProblem[], cluster?: string): Problem[] {
  const pruned = structuredClone(data) as Node;
  // A misspelt key's right spelling counts as left out too: "is missing" would only repeat "did you mean".
  const misspelt = problems.filter((p) => p.suggestion);
  const removed: Path[] = misspelt.map((p) => [...p.path.slice(0, -1), p.suggestion!]);
  /** The values stood in for, by path: the first stand-in is in `pruned`. */
  const stood = new Map<string, { path: Path; pair: readonly [unknown, unknown] }>();
  /** The list items left out (their indices as in `data`). */
  const items: Path[] = [];
  let issues: ReadonlyArray<{ path: Path }> = problems;
  for (let round = 0; round < 6; round++) {
    // Cut in an earlier round: a value of this round's issues may share a cut with another (two keys of one block).
    const earlier = new Set(round ? removed.map((cut) => formatPath(cut)) : []);
    const isRemoved = (path: Path) => earlier.has(formatPath(path));
    const inItem = atOrUnderAny(items);
    for (const { path } of issues) {
      if (inItem(path)) continue;
      const member = memberAt(path);
      if (member >= 0) {
        leaveOutInMember(pruned, path, member, stood, items, removed);
        continue;
      }
      let cut = path;
      // A required key left out is missing now: its block goes too (`kubeVip.controlPlane` for a bad address), so
      // the rules still judge the rest (attack round 37a-10: one bad address hid every Traefik values finding).
      while (cut.length && isRemoved(cut)) cut = cut.slice(0, -1);
      if (!cut.length) return [];
      const parent = nodeAt(pruned, cut.slice(0, -1));
      if (parent) delete parent[cut[cut.length - 1]];
      removed.push(cut);
    }
    const judged = judge(pruned, items);
    if (!judged.success) {
      issues = judged.issues;
      continue;
    }
    const findings = ({ data: config, view }: typeof judged) => {
      const { config: bundled } = applyBundledTraefikChart(view.data, config as never);
      return checkClusterRules(bundled, cluster).errors.map((p) => ({ ...p, path: view.original(p.path) }));
    };
    let kept = findings(judged);
    // A finding that names a misspelt key's right spelling ("define it under traefik.certResolvers") stands where the
    // same run with the misspelt values read as meant gives it too: it does not follow from the slip (76b-13).
    const meant = misspelt.length ? findingsAsMeant(pruned, items, misspelt, data, findings) : { read: [], findings: [] };
    const asMeant = heldAsMeant(kept, meant);
    const spellings = new Set(meant.read.map((cut) => formatPath(cut)));
    if (stood.size) {
      // The same config with the second stand-ins: a finding that changes with them depends on a refused value.
      const other = structuredClone(pruned);
      for (const { path, pair } of stood.values()) setAt(other, path, pair[1]);
      const second = judge(other, items);
      if (second.success) {
        const texts = [...stood.values()].map(({ path, pair }) => ({
          pair: pair.map((v) => (distinctive(v) ? textOf(v) : undefined)),
          written: textOf(valueAt(data, path)),
        }));
        // A message naming a stand-in (`already the address of standin-a`) is the same finding when it names the
        // other one in the same place: it is reported with the value as written, if that is a plain one.
        // The longest first: `/standin-a` is no `/` before the name `standin-a`.
        const order = texts.map((_, i) => i).sort((a, b) => length(texts[b].pair) - length(texts[a].pair));
        const marked = (message: string, run: 0 | 1) =>
          order.reduce((text, i) => {
            const standIn = texts[i].pair[run];
            return standIn ? text.replace(asToken(standIn), `\uE000${i}\uE000`) : text;
          }, message);
        const again = new Set(findings(second).map((p) => `${formatPath(p.path)}\n${marked(p.message, 1)}`));
        // A stand-in several refused values share (three invalid hosts all stood in by `a.example.net`) makes them
        // equal to each other: a message naming it may compare two of them (a false duplicate route, 61a-17).
        const shared = texts.filter((t, i) => t.pair[0] && texts.some((o, j) => j !== i && o.pair[0] === t.pair[0]));
        const comparesStandIns = (message: string) => shared.some((t) => asToken(t.pair[0]!).test(message));
        kept = kept.flatMap((p) => {
          if (comparesStandIns(p.message)) return [];
          const message = marked(p.message, 0);
          if (!again.has(`${formatPath(p.path)}\n${message}`)) return [];
          const named = message.replace(/\uE000(\d+)\uE000/g, (_, i: string) => texts[Number(i)].written ?? '\uE000');
          if (named.includes('\uE000')) return [];
          const shown = { ...p, message: named };
          if (asMeant.has(p)) asMeant.add(shown);
          return [shown];
        });
      } else kept = [];
    }
    if (removed.some((cut) => formatPath(cut) === 'traefik.chartVersion')) kept = sameForEveryChart(kept, pruned, items, findings);
    const related = (a: Path, b: Path) => a.slice(0, Math.min(a.length, b.length)).every((key, i) => key === b[i]);
    // A finding at another key may still speak of a left-out block (`kubeVip.mode: is bgp, but kubeVip.bgp is
    // missing`): one that names it is about it too. One about a list an item was left out of counts wrong.
    const names = removed.map((cut) => ({
      name: new RegExp(`(?<![\\w.])${escapeRegExp(formatPath(cut))}(?![\\w[])`),
      spelling: spellings.has(formatPath(cut)),
    }));
    const followsFromItem = followsFromDroppedAny(items);
    // An issuer named as an issuer refused for its name's spelling was meant (79b-14): "not defined; add it" is false.
    const refusedIssuers = new Set(
      removed
        .filter((cut) => cut.length === 3 && cut[0] === 'certManager' && cut[1] === 'issuers')
        .map((cut) => issuerNameAsMeant(String(cut[2]))),
    );
    return kept.filter(
      (finding) =>
        !(finding.undefinedIssuer && refusedIssuers.has(finding.undefinedIssuer.name)) &&
        !removed.some((cut) => related(cut, finding.path)) &&
        !followsFromItem(finding.path) &&
        !names.some(({ name, spelling }) => name.test(finding.message) && !(spelling && asMeant.has(finding))),
    );
  }
  return [];
}

/**
 * The findings of `pruned` with each misspelt key's value written at its right spelling (where that key is not
 * written too and the value parses there), and the spellings so `read`.
 */
function findingsAsMeant(
  pruned: Node,
  items: readonly Path[],
  misspelt: readonly DescribedProblem[],
  data: unknown,
  findings: (judged: Extract<ReturnType<typeof judge>, { success: true }>) => Problem[],
): { read: Path[]; findings: Problem[] } {
  let meant = structuredClone(pruned);
  let judged = judge(meant, items);
  const read: Path[] = [];
  for (const { path, suggestion } of misspelt) {
    const next = structuredClone(meant);
    const parent = nodeAt(next, path.slice(0, -1));
    if (!parent || suggestion! in parent) continue;
    parent[suggestion!] = structuredClone(valueAt(data, path));
    // A misspelt value the schema refuses at its right spelling too says nothing of what it meant: left out.
    const tried = judge(next, items);
    if (!tried.success) continue;
    [meant, judged] = [next, tried];
    read.push([...path.slice(0, -1), suggestion!]);
  }
  return { read, findings: judged.success ? findings(judged) : [] };
}

/** A chart version far from the default, to judge a config whose own chart version was refused with (80a-7). */
const OTHER_CHART = '20.0.0';

/**
 * A refused `traefik.chartVersion` ("35.3") leaves the default chart in its place, which the user did not write (80a-7:
 * "charts from v36.0.0 render no globalArguments" to a user of chart 35): only the findings the oldest chart gives too,
 * in the same words but for the version, stand, said of both; a rule that needs the chart version says nothing.
 */
function sameForEveryChart(
  kept: readonly Problem[],
  pruned: Node,
  items: readonly Path[],
  findings: (judged: Extract<ReturnType<typeof judge>, { success: true }>) => Problem[],
): Problem[] {
  const other = structuredClone(pruned);
  const traefik = nodeAt(other, ['traefik']);
  if (!traefik) return [...kept];
  traefik.chartVersion = OTHER_CHART;
  const judged = judge(other, items);
  if (!judged.success) return [];
  const unversioned = (message: string, version: string) => message.split(version).join('\uE000');
  const again = new Set(findings(judged).map((p) => `${formatPath(p.path)}\n${unversioned(p.message, OTHER_CHART)}`));
  // Said of every chart, the default's number would name a version the user did not write.
  const anyChart = new RegExp(`Traefik chart v?${TRAEFIK_CHART_VERSION.replace(/\./g, '\\.')}\\b`, 'g');
  return kept
    .filter((p) => again.has(`${formatPath(p.path)}\n${unversioned(p.message, TRAEFIK_CHART_VERSION)}`))
    .map((p) => ({
      ...p,
      message: p.message.replace(anyChart, `the Traefik chart (v${OTHER_CHART} and v${TRAEFIK_CHART_VERSION} alike)`),
    }));
}

/** The findings of `kept` that the run `asMeant` gives too (same key path, same words). */
function heldAsMeant(kept: readonly Problem[], asMeant: { findings: readonly Problem[] }): Set<Problem> {
  const given = new Set(asMeant.findings.map((p) => `${formatPath(p.path)}\n${p.message}`));
  return new Set(kept.filter((p) => given.has(`${formatPath(p.path)}\n${p.message}`)));
}

/** The schema's verdict on `pruned` without the left-out items: its data, or its issues at the indices of `pruned`. */
function judge(pruned: Node, items: readonly Path[]) {
  const view = withoutDroppedItems(pruned, items);
  const parsed = zodSchema().clusterConfigSchema.safeParse(view.data);
  if (parsed.success) return { success: true as const, data: parsed.data as unknown, view };
  const issues = parsed.error.issues.map((issue) => ({ path: view.original(issue.path.filter((k): k is Key => typeof k !== 'symbol')) }));
  return { success: false as const, issues };
}

/** The position in `path` of the first key naming a list item or a map entry (`0` of `ingresses[0].name`), or -1. */
function memberAt(path: Path): number {
  for (let i = 0; i < path.length; i++) {
    const shape = shapeAt(CONFIG_SHAPE, path.slice(0, i));
    if (!shape) return -1;
    const kind = bare(shape).kind;
    if (kind === 'array' || kind === 'record') return i;
  }
  return -1;
}

/**
 * Leaves the refused value at `path` (inside the list item or map entry at `path[member]`) out: a key the schema
 * does not know is deleted; a known value gets its stand-ins, or, where it has none (or had them and is still
 * refused), its parent does, up to the member itself, which is left out of its list (or deleted from its map).
 */
function leaveOutInMember(
  pruned: Node,
  path: Path,
  member: number,
  stood: Map<string, { path: Path; pair: readonly [unknown, unknown] }>,
  items: Path[],
  removed: Path[],
): void {
  if (!shapeAt(CONFIG_SHAPE, path)) {
    const parent = nodeAt(pruned, path.slice(0, -1));
    if (parent) delete parent[path[path.length - 1]];
    removed.push(path);
    return;
  }
  for (let at = path; at.length > member; at = at.slice(0, -1)) {
    const shape = shapeAt(CONFIG_SHAPE, at)!;
    const whole = at.length === member + 1;
    // A whole item stood in for would be an invented object: it is left out instead.
    if (whole && bare(shape).kind === 'object') break;
    const pair = stood.has(formatPath(at)) ? undefined : standIns(shape);
    if (pair && nodeAt(pruned, at.slice(0, -1))) {
      setAt(pruned, at, pair[0]);
      stood.set(formatPath(at), { path: at, pair });
      removed.push(at);
      return;
    }
  }
  const item = path.slice(0, member + 1);
  removed.push(item);
  for (const key of stood.keys())
    if (`${key}.`.startsWith(`${formatPath(item)}.`) || key.startsWith(`${formatPath(item)}[`)) stood.delete(key);
  if (typeof item[member] === 'number') items.push(item);
  else delete nodeAt(pruned, item.slice(0, -1))?.[item[member]];
}

/** The object or list at `path`, or undefined. */
function nodeAt(root: Node, path: Path): Node | undefined {
  const node = path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Node)[key] : undefined), root);
  return node && typeof node === 'object' ? (node as Node) : undefined;
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Node)[key] : undefined), root);
}

/** A stand-in or written value as a message would print it, where it is a plain one. */
const textOf = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

const length = (pair: ReadonlyArray<string | undefined>): number => Math.max(...pair.map((text) => text?.length ?? 0));

function setAt(root: Node, path: Path, value: unknown): void {
  const parent = nodeAt(root, path.slice(0, -1));
  if (parent) parent[path[path.length - 1]] = structuredClone(value);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` where a message prints it as a value of its own, not as part of a longer one: a real host
 * `data.example.net` holds the stand-in `a.example.net`, and `192.0.2.10` holds `192.0.2.1` (attack 43b-1); a
 * sentence's full stop after it is no part of it.
 */
const asToken = (text: string): RegExp => new RegExp(`(?<![\\w.@-])${escapeRegExp(text)}(?![\\w@-]|\\.[\\w-])`, 'g');
