import { dirname } from 'node:path';
import type * as YamlPackage from 'yaml';
import {
  documentNestsTooDeep,
  lexedTooDeep,
  knownVerdict,
  mayNestTooDeep,
  nestsTooDeep,
  rememberVerdict,
  TOO_DEEP_YAML,
} from './yaml-depth';

/**
 * The `yaml` package, for every module of this project (types come from `yaml` itself).
 *
 * cdk8s bundles its own copy of yaml and loads it when it is imported. When that copy is the very
 * release this project depends on, this project uses it too, instead of loading and compiling a
 * second copy of the same code (72 modules, about 4% of the app's time). Same release, same
 * behaviour; any other release (or a cdk8s without a bundled copy) leaves this project on its own.
 */
export const yamlPackage: typeof YamlPackage = sharedYaml();

/**
 * The `yaml` package as every module of this project uses it: the package itself, except that no parse, no
 * Composer and no Document it makes ever logs a warning. The package logs a warning through Node's
 * `process.emitWarning` (printed on stderr) unless its `logLevel` is `error` or `silent`, and its warnings
 * quote the text they are about: `toJS()` on a mapping with a collection key (`? {password: …}`) prints the
 * key, `parse()` prints each of the document's warnings (an unresolved tag with its name). A reader's text,
 * secrets and all, would reach stderr past every redaction of this tool. So `logLevel` is `error` unless the
 * caller asks for `silent`: errors are still thrown or kept on the document as before, warnings stay on
 * `doc.warnings` where the caller reads them. And no parse composes text nested deeper than MAX_YAML_NESTING
 * (yaml-depth.ts): such text reads as one document holding that error (`parse` throws it).
 */
export const yaml: typeof YamlPackage = quietYaml(yamlPackage);

/** The class `cls`, whose constructor gets its arguments through `change` (statics, prototype and instanceof as before). */
function withArguments<T extends object>(cls: T, change: (args: unknown[]) => unknown[]): T {
  return new Proxy(cls, {
    construct: (target, args: unknown[], newTarget) =>
      Reflect.construct(target as unknown as new (...args: unknown[]) => object, change(args), newTarget),
  });
}

function quietYaml(pkg: typeof YamlPackage): typeof YamlPackage {
  type Options = { logLevel?: string } | undefined;
  const quiet = (options: unknown) => {
    const given = options && typeof options === 'object' ? (options as Options) : undefined;
    return { ...given, logLevel: given?.logLevel === 'silent' ? 'silent' : 'error' } as const;
  };
  // A function or an array in second place is a replacer and the options come third (as the package reads them).
  const replacerFirst = (second: unknown) => typeof second === 'function' || Array.isArray(second);
  // Text nested too deep is never composed (yaml-depth.ts): one document holding the error where the nesting goes past
  // the bound, as a parse error would be, the lines counted as the parser counts them.
  const tooDeep = (source: string, at: number, lineCounter?: YamlPackage.LineCounter) => {
    lineCounter?.addNewLine(0);
    for (let end = source.indexOf('\n'); lineCounter && end >= 0; end = source.indexOf('\n', end + 1)) lineCounter.addNewLine(end + 1);
    const doc = new pkg.Document(null);
    doc.errors.push(new pkg.YAMLParseError([at, at + 1], 'RESOURCE_EXHAUSTION', TOO_DEEP_YAML));
    return Object.assign(doc, { range: [0, source.length, source.length] });
  };
  type Given = { prettyErrors?: boolean; lineCounter?: YamlPackage.LineCounter } | undefined;
  return {
    ...pkg,
    parse: ((src: string, reviver?: unknown, options?: unknown) => {
      const deep = typeof src === 'string' ? nestsTooDeep(pkg, src) : undefined;
      if (deep !== undefined) throw tooDeep(src, deep).errors[0];
      return replacerFirst(reviver) || reviver === undefined || reviver === null
        ? pkg.parse(src, reviver as never, quiet(options) as never)
        : pkg.parse(src, quiet(reviver) as never);
    }) as typeof pkg.parse,
    parseDocument: ((source: string, options?: unknown) => {
      if (typeof source === 'string' && (options as Given)?.prettyErrors === false) return withoutStacks(() => parseOne(source, options));
      const deep = typeof source === 'string' ? nestsTooDeep(pkg, source) : undefined;
      return deep !== undefined
        ? tooDeep(source, deep, (options as Given)?.lineCounter)
        : withoutStacks(() => pkg.parseDocument(source, quiet(options) as never));
    }) as typeof pkg.parseDocument,
    parseAllDocuments: ((source: string, options?: unknown) =>
      withoutStacks(() => parseAll(source, options))) as typeof pkg.parseAllDocuments,
    Composer: withArguments(pkg.Composer, ([options, ...rest]) => [quiet(options), ...rest]),
    Document: withArguments(pkg.Document, ([value, second, third]) =>
      !replacerFirst(second) && third === undefined && second !== undefined && second !== null
        ? [value, quiet(second)]
        : [value, second, quiet(third)],
    ),
  };

  /**
   * `parseDocument` without pretty errors, the text parsed once (nestsTooDeep parsed it a first time, for seconds on a
   * long text, attack round 35): each document token is judged as nestsTooDeep judges it (the ones after a second
   * document too), and composed as the package composes it (public-api.js) until the first that nests too deep; the
   * lines the package would have counted are counted.
   */
  function parseOne(source: string, options: unknown): unknown {
    const given = options as NonNullable<Given>;
    if (!mayNestTooDeep(source)) return pkg.parseDocument(source, quiet(options) as never);
    const known = knownVerdict(source);
    let deep = known === false ? undefined : (known ?? lexedTooDeep(pkg, source));
    if (deep !== undefined) {
      rememberVerdict(source, deep);
      return tooDeep(source, deep, given.lineCounter);
    }
    const lines = new pkg.LineCounter();
    const composer = new pkg.Composer(quiet(options));
    let doc: YamlPackage.Document.Parsed | undefined;
    /** The lines counted when the package stops reading (at a second document): undefined while it reads on. */
    let counted: number | undefined;
    const take = (docs: Iterable<YamlPackage.Document.Parsed>) => {
      for (const next of docs) {
        if (!doc) doc = next;
        else if (doc.options.logLevel !== 'silent') {
          doc.errors.push(new pkg.YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', MULTIPLE_DOCS));
          counted = lines.lineStarts.length;
          return;
        }
      }
    };
    for (const token of new pkg.Parser(lines.addNewLine).parse(source)) {
      if (token.type === 'document' && (deep = documentNestsTooDeep(token)) !== undefined) break;
      if (counted === undefined) take(composer.next(token));
    }
    rememberVerdict(source, deep);
    if (deep !== undefined) return tooDeep(source, deep, given.lineCounter);
    if (counted === undefined) take(composer.end(true, source.length));
    for (const start of lines.lineStarts.slice(0, counted)) given.lineCounter?.addNewLine(start);
    return doc;
  }

  function parseAll(source: string, options?: unknown): unknown {
    if (typeof source !== 'string' || !mayNestTooDeep(source)) return pkg.parseAllDocuments(source, quiet(options) as never);
    const given = options as Given;
    if (given?.prettyErrors !== false) {
      const deep = nestsTooDeep(pkg, source);
      return deep !== undefined ? [tooDeep(source, deep, given?.lineCounter)] : pkg.parseAllDocuments(source, quiet(options) as never);
    }
    // Without pretty errors (every reading of this project), no text is parsed twice: a verdict known, or the lexer's.
    const known = knownVerdict(source);
    if (known === false) return pkg.parseAllDocuments(source, quiet(options) as never);
    const early = known ?? lexedTooDeep(pkg, source);
    if (early !== undefined) {
      rememberVerdict(source, early);
      return [tooDeep(source, early, given.lineCounter)];
    }
    // Read once, as the package does (public-api.js), each document token judged before the composer sees it.
    let deep: number | undefined;
    const composer = new pkg.Composer(quiet(options));
    const tokens = function* () {
      for (const token of new pkg.Parser(given.lineCounter?.addNewLine).parse(source)) {
        if (token.type === 'document' && (deep = documentNestsTooDeep(token)) !== undefined) return;
        yield token;
      }
    };
    const docs = Array.from(composer.compose(tokens()));
    rememberVerdict(source, deep);
    // The lines the parser counted before it stopped are counted again from the start.
    if (deep !== undefined) return [tooDeep(source, deep, given.lineCounter && new pkg.LineCounter())];
    return docs.length ? docs : Object.assign([], { empty: true }, composer.streamInfo());
  }
}

/** The package's error for a second document where one was asked for (public-api.js parseDocument). */
const MULTIPLE_DOCS = 'Source contains multiple documents; please use YAML.parseAllDocuments()';

/**
 * `read` with no stack trace taken for the errors made meanwhile: a parse keeps each error it finds on its document
 * (what is read of one is its message and offset), and the stack each YAMLParseError took cost more than the rest of
 * the reading (1.4 s and 220 MB for a `[token]` on each of 200,000 lines, attack round 35). A parse that throws
 * (`parse`) is left as it is: its error reaches a caller with its stack.
 */
function withoutStacks<T>(read: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return read();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function sharedYaml(): typeof YamlPackage {
  try {
    const fromCdk8s = { paths: [dirname(require.resolve('cdk8s/package.json'))] };
    const release = (packageJson: string) => (require(packageJson) as { version?: unknown }).version;
    const bundled = release(require.resolve('yaml/package.json', fromCdk8s));
    if (typeof bundled === 'string' && bundled === release(require.resolve('yaml/package.json'))) {
      return require(require.resolve('yaml', fromCdk8s)) as typeof YamlPackage;
    }
  } catch {
    // cdk8s laid out otherwise: use this project's own copy.
  }
  return require('yaml') as typeof YamlPackage;
}

// The node type guards, called everywhere the parsed config is read.
export const { isAlias, isMap, isNode, isPair, isScalar, isSeq } = yaml;

/**
 * YAML text for a reader in Go (Helm, K3s and kubectl read YAML 1.1 through go-yaml), written under YAML 1.1 as
 * cdk8s writes manifests: a string such as `off`, `yes`, `NO`, `y`, `012` or `1:20`, which YAML 1.2 leaves
 * plain, is quoted, so go-yaml reads a string and not a boolean or a number. So is a string such as `0o17`,
 * `0X1F` or `0B11`, which the 1.1 schema leaves plain but go-yaml v2 reads as an integer (it parses a plain
 * scalar with Go's strconv.ParseInt(s, 0, 64), yaml.v2 resolve.go).
 */
export function stringifyForGo(
  value: unknown,
  options: { readonly sortMapEntries?: boolean; readonly keepUndefined?: boolean } = {},
): string {
  const doc = new yaml.Document(value, { ...options, version: '1.1' });
  yaml.visit(doc, {
    Scalar: (_, node) => {
      if (typeof node.value === 'string' && GO_PREFIXED_INTEGER.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** Text Go's ParseInt(s, 0, 64) may read as an integer with a base prefix, and YAML 1.1 leaves plain. */
const GO_PREFIXED_INTEGER = /^[-+]?0[oObBxX][0-9a-fA-F_]*$/;

/**
 * Manifests as cdk8s' `Yaml.stringify` writes them (YAML 1.1, one document each, `---` between), with the
 * quoting of `stringifyForGo`.
 */
export function stringifyManifests(documents: readonly unknown[]): string {
  return documents.map((document) => (document === undefined ? '\n' : stringifyForGo(document, { keepUndefined: true }))).join('---\n');
}
