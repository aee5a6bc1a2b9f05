import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type * as JsYaml from 'js-yaml';
import { printablePath } from '../core/redact-message';
import { cacheDir, PROJECT_ROOT, writeCache } from '../output/cache-folder';
import { contentDigests } from '../output/file-digests';
import { describeFileError } from '../output/file-system';
import { cachedValidator } from './ajv-cache';
import { apiGroup } from './kinds';
import { linearPattern } from './linear-patterns';
import { isRecord } from './paths';

/** The CRD folder or a file in it cannot be read as CRDs: no custom resource can be validated until it is restored. */
export class CrdFolderError extends Error {}

/** The CRDs the output's custom resources must conform to; K3S_VIP_CRD_DIR points elsewhere (tests). */
export const crdDir = (): string => process.env.K3S_VIP_CRD_DIR ?? join(PROJECT_ROOT, 'crds');

export interface Crd {
  /** The file, relative to the project root when inside it (`crds/helmchartconfig.yaml`). */
  readonly file: string;
  readonly group: string;
  readonly kind: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** Served version name -> its openAPIV3Schema. */
  readonly versions: ReadonlyMap<string, unknown>;
}

// Keywords of Kubernetes structural schemas that mean nothing to JSON Schema; declaring them lets
// ajv run in strict mode, which rejects typos in the schema itself.
const KUBERNETES_KEYWORDS = [
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
];

// OpenAPI formats of controller-gen CRDs (HelmChart, ClusterIssuer, the Gateway API's addresses): known to ajv so strict
// mode accepts them, checked by the API server (int32/int64 ranges, base64 bytes, RFC 3339 times, IP addresses), not here.
const KUBERNETES_FORMATS = { int32: true, int64: true, byte: true, 'date-time': true, ipv4: true, ipv6: true } as const;

// strictTypes off: int-or-string quantities (ClusterIssuer's pod resources) put `pattern` beside `anyOf: [integer, string]`,
// which structural schemas allow; unknown keywords (typos in a schema) stay errors.
const AJV_OPTIONS = {
  allErrors: true,
  strict: true,
  strictTypes: false,
  keywords: KUBERNETES_KEYWORDS,
  formats: KUBERNETES_FORMATS,
  code: { source: true },
};
let crds: Map<string, Crd> | undefined;
const validators = new Map<string, ValidateFunction>();

/** The CRD in crds/ that defines the group and kind of `apiVersion`/`kind`, if any. */
export function findCrd(apiVersion: string, kind: string): Crd | undefined {
  // A core kind (`v1`: a Service, a ConfigMap) is no CRD's: no need to read the CRD folder for it.
  if (apiGroup(apiVersion) === '') return undefined;
  crds ??= cachedCrds(crdDir());
  return crds.get(`${apiGroup(apiVersion)}/${kind}`);
}

/** The API groups the CRDs in crds/ define. */
export function crdGroups(): ReadonlySet<string> {
  crds ??= cachedCrds(crdDir());
  return new Set([...crds.values()].map((crd) => crd.group));
}

/**
 * readCrds, its result kept in node_modules/.cache as JSON: parsing the YAML of crds/ (the
 * ClusterIssuer CRD alone is 330 kB) took about a tenth of the app's time, reading the JSON a few ms. The key
 * covers the name and content of every file readCrds reads, so an edited, added or removed CRD is
 * parsed afresh. A folder that cannot be read is left to readCrds and its message. The index
 * (`crds-<key>.json`) holds no schema: each CRD's schemas are a file of their own (`crds-<key>-<n>.json`),
 * read when a validator needs them, so a synth reads the schemas of the kinds it writes only.
 */
export function cachedCrds(dir: string): Map<string, Crd> {
  const key = crdFolderFingerprint(dir);
  const cache = cacheDir();
  const cached = key && cache && join(cache, `crds-${key}`);
  const hit = cached && readCachedCrds(cached, dir);
  if (hit) return hit;
  const index = readCrds(dir);
  const crdsOf = [...index.values()];
  // Stored by file name: the folder may move, and crdFile() names it afresh.
  const entries: CachedCrd[] = crdsOf.map(({ file, group, kind, scope }) => ({ group, kind, scope, name: basename(file) }));
  const schemas = crdsOf.map(({ versions }) => Object.fromEntries(versions));
  // A value JSON would not give back as it was (.inf, -0) is parsed every run instead.
  if (cached && isJsonData(entries) && isJsonData(schemas)) {
    schemas.forEach((schema, i) => writeCache(`${cached}-${i}.json`, JSON.stringify(schema)));
    writeCache(`${cached}.json`, JSON.stringify(entries)); // last: an index is never there without its schemas
  }
  return index;
}

type CachedCrd = Omit<Crd, 'file' | 'versions'> & { name: string };

const folderKeys = new Map<string, string | undefined>();

/**
 * A digest of the CRD files in `dir` (names and content: contentDigests reads only a file changed since it last read it)
 * and of the parser, once per process; undefined if unreadable.
 */
export function crdFolderFingerprint(dir: string = crdDir()): string | undefined {
  if (!folderKeys.has(dir)) folderKeys.set(dir, crdFolderKey(dir));
  return folderKeys.get(dir);
}

function crdFolderKey(dir: string): string | undefined {
  try {
    const hash = createHash('sha256').update(JSON.stringify(['crd-index-2', require('js-yaml/package.json').version]));
    const names = crdFileNames(dir);
    const content = contentDigests(names.map((name) => join(dir, name)));
    names.forEach((name, i) => hash.update(`\0${name}\0`).update(content[i]));
    return hash.digest('hex').slice(0, 16);
  } catch {
    return undefined;
  }
}

function readCachedCrds(cached: string, dir: string): Map<string, Crd> | undefined {
  let entries: CachedCrd[];
  try {
    entries = JSON.parse(readFileSync(`${cached}.json`, 'utf8'));
  } catch {
    return undefined; // missing or damaged: parse the CRDs again
  }
  return new Map(
    entries.map(({ name, ...crd }, i) => {
      const id = `${crd.group}/${crd.kind}`;
      let versions: ReadonlyMap<string, unknown> | undefined;
      const readVersions = (): ReadonlyMap<string, unknown> => {
        try {
          return new Map(Object.entries(JSON.parse(readFileSync(`${cached}-${i}.json`, 'utf8')) as Record<string, unknown>));
        } catch {
          return readCrds(dir).get(id)?.versions ?? new Map(); // missing or damaged: parse the CRDs again
        }
      };
      const entry: Crd = {
        ...crd,
        file: crdFile(dir, name),
        get versions() {
          return (versions ??= readVersions());
        },
      };
      return [id, entry];
    }),
  );
}

/** Plain JSON data that JSON.stringify and JSON.parse give back unchanged. */
function isJsonData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJsonData);
  if (!isRecord(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((v) => v === undefined || isJsonData(v));
}

/** The ajv validator of one served version of a CRD, compiled once per process. */
export function crdValidator(crd: Crd, version: string): ValidateFunction {
  // By file: the Gateway API kinds exist once per vendored bundle.
  const id = `${crd.file}/${version}/${crd.kind}`;
  let validate = validators.get(id);
  if (!validate) {
    try {
      validate = compileCached(closeObjects(crd.versions.get(version)) as object);
    } catch (e) {
      throw new CrdFolderError(`${crd.file}: the openAPIV3Schema of ${crd.kind} ${version} does not compile: ${(e as Error).message}`, {
        cause: e,
      });
    }
    validators.set(id, validate);
  }
  return validate;
}

/**
 * Compiles with ajv, keeping the generated code in the cache (ajv-cache.ts): loading ajv and compiling cost about
 * 70 ms per synth, loading the cached code about 1 ms.
 */
function compileCached(schema: object): ValidateFunction {
  return cachedValidator('crd', [JSON.stringify(AJV_OPTIONS), JSON.stringify(schema)], () => {
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    const ajv = new Ajv(AJV_OPTIONS);
    return { ajv, validate: ajv.compile(schema) };
  });
}

/**
 * The API server prunes fields a structural schema does not declare (unless
 * x-kubernetes-preserve-unknown-fields), while JSON Schema allows them: declare every object with
 * properties closed, so a pruned field is reported instead of silently lost. A `pattern` JavaScript would backtrack on
 * is run as its linear equivalent (linear-patterns.ts).
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!isRecord(schema)) return schema;
  const closed: Record<string, unknown> = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === 'enum' || key === 'default'
        ? value
        : key === 'pattern' && typeof value === 'string'
          ? linearPattern(value)
          : closeObjects(value),
    ]),
  );
  if (closed.properties && closed.additionalProperties === undefined && !closed['x-kubernetes-preserve-unknown-fields']) {
    closed.additionalProperties = false;
  }
  return boundedPattern(closed);
}

/**
 * A pattern beside a `maxLength` runs only on a text within that length (a longer one is refused by its length alone):
 * some upstream patterns take quadratic time in JavaScript on a long text (the Gateway API's address `type`,
 * `^Hostname|IPAddress|…`, whose later alternatives are unanchored), harmless at 253 characters, hours at a megabyte.
 */
function boundedPattern(node: Record<string, unknown>): Record<string, unknown> {
  const { pattern, maxLength, ...rest } = node;
  if (typeof pattern !== 'string' || typeof maxLength !== 'number' || 'if' in node) return node;
  return { ...rest, maxLength, if: { maxLength }, then: { pattern } };
}

/** How messages name a CRD file: relative to the project root when inside it (`crds/helmchartconfig.yaml`), else in full. */
function crdFile(dir: string, name: string): string {
  const path = join(dir, name);
  const fromRoot = relative(PROJECT_ROOT, path);
  return fromRoot.startsWith('..') || isAbsolute(fromRoot) ? path : fromRoot.split(sep).join('/');
}

class NotRegularFile extends Error {}

/** A file's text, opened without blocking: a FIFO or a device named like a CRD file is refused, never waited on. */
function readRegularText(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new NotRegularFile(path);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** The YAML files of a CRD folder, in the order readCrds reads them. */
function crdFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => ['.yaml', '.yml'].includes(extname(name).toLowerCase()))
    .sort();
}

/**
 * The CRDs of every YAML file in `dir`, by `group/kind`. A missing folder or one without a CRD is an
 * error, not an empty index: the custom resources would then pass unchecked.
 */
export function readCrds(dir: string): Map<string, Crd> {
  // The folder as messages name it: one line, without what a secret-shaped path would show (K3S_VIP_CRD_DIR).
  const folder = printablePath(dir);
  const restore = 'restore it with `git checkout -- crds` (or point K3S_VIP_CRD_DIR at the folder of CRD files)';
  if (!existsSync(dir))
    throw new CrdFolderError(`the CRD folder ${folder} is missing, so custom resources cannot be validated: ${restore}`);
  let names: string[];
  try {
    names = crdFileNames(dir);
  } catch (e) {
    throw new CrdFolderError(
      `cannot read the CRD folder ${folder}: ${describeFileError(e, false, 'read')}, so custom resources cannot be validated: ${restore}`,
      {
        cause: e,
      },
    );
  }
  // Loaded only here: a run whose CRD index is cached (every run after the first) never needs js-yaml.
  const { loadAll } = require('js-yaml') as typeof JsYaml;
  const index = new Map<string, Crd>();
  for (const name of names) {
    const file = crdFile(dir, name);
    const shownFile = printablePath(file);
    let documents: unknown[];
    try {
      documents = loadAll(readRegularText(join(dir, name)));
    } catch (e) {
      // The parser's words quote the file's lines (a code frame): only where it stopped is shown.
      const mark = (e as { mark?: { line?: number; column?: number } }).mark;
      const at = typeof mark?.line === 'number' ? `:${mark.line + 1}:${(mark.column ?? 0) + 1}` : '';
      const why =
        e instanceof NotRegularFile
          ? 'is not a regular file (a FIFO or a device, whose read would block)'
          : (e as NodeJS.ErrnoException).code
            ? `cannot be read: ${describeFileError(e, true, 'read')}`
            : 'is not valid YAML';
      throw new CrdFolderError(`${shownFile}${at}: ${why}, so custom resources cannot be validated: ${restore}`, { cause: e });
    }
    for (const crd of documents) {
      if (!isRecord(crd) || crd.kind !== 'CustomResourceDefinition' || !isRecord(crd.spec)) continue;
      const { group, names: crdNames, scope, versions } = crd.spec;
      if (typeof group !== 'string' || !isRecord(crdNames) || typeof crdNames.kind !== 'string' || !Array.isArray(versions)) {
        throw new CrdFolderError(`${shownFile}: a CustomResourceDefinition needs spec.group, spec.names.kind and spec.versions`);
      }
      const served = versions.filter((v) => isRecord(v) && v.served === true && typeof v.name === 'string') as Array<
        Record<string, unknown>
      >;
      index.set(`${group}/${crdNames.kind}`, {
        file,
        group,
        kind: crdNames.kind,
        scope: scope === 'Cluster' ? 'Cluster' : 'Namespaced',
        versions: new Map(served.map((v) => [v.name as string, isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined])),
      });
    }
  }
  if (!index.size) {
    throw new CrdFolderError(
      `the CRD folder ${folder} holds no CustomResourceDefinition, so custom resources cannot be validated: ${restore}`,
    );
  }
  return index;
}
