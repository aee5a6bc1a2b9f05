import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'src');

/**
 * Every property of the public API's interfaces: those src/index.ts exports, and those reachable from
 * them or from a construct's constructor through property types (arrays, records, unions).
 * The properties of inline type literals count as well: TypeDoc documents them like an interface's.
 */
function publicProperties(): { where: string; documented: boolean; optional: boolean; hasDefault: boolean }[] {
  const index = join(SRC, 'index.ts');
  // The project's own lib (tsconfig.json): TypeScript's default for no target is ES5 with the DOM, a third of what this
  // program parsed; the same 189 properties either way.
  const program = ts.createProgram([index], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
  });
  const checker = program.getTypeChecker();
  const seen = new Set<ts.Node>();
  const properties: ReturnType<typeof publicProperties> = [];
  const inSrc = (node: ts.Node) => node.getSourceFile().fileName.startsWith(SRC);

  const visitType = (type: ts.Type, owner: string): void => {
    if (type.isUnionOrIntersection()) return type.types.forEach((member) => visitType(member, owner));
    if (!(type.flags & ts.TypeFlags.Object)) return;
    if (checker.isArrayType(type) || checker.isTupleType(type))
      return checker.getTypeArguments(type as ts.TypeReference).forEach((element) => visitType(element, owner));
    const indexed = checker.getIndexInfosOfType(type);
    indexed.forEach((info) => visitType(info.type, owner));
    const declaration = type.getSymbol()?.declarations?.[0];
    if (!declaration || !inSrc(declaration) || seen.has(declaration)) return;
    if (!ts.isInterfaceDeclaration(declaration) && !ts.isTypeLiteralNode(declaration)) return;
    seen.add(declaration);
    const name = ts.isInterfaceDeclaration(declaration) ? declaration.name.text : owner;
    for (const property of checker.getPropertiesOfType(type)) {
      const propertyDeclaration = property.declarations?.[0];
      if (!propertyDeclaration || !inSrc(propertyDeclaration)) continue;
      const { line } = propertyDeclaration.getSourceFile().getLineAndCharacterOfPosition(propertyDeclaration.getStart());
      properties.push({
        where: `${relative(ROOT, propertyDeclaration.getSourceFile().fileName)}:${line + 1} ${name}.${property.name}`,
        documented: property.getDocumentationComment(checker).length > 0,
        optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
        hasDefault: ts.getJSDocTags(propertyDeclaration).some((tag) => tag.tagName.text === 'default'),
      });
      visitType(checker.getTypeOfSymbolAtLocation(property, propertyDeclaration), `${name}.${property.name}`);
    }
  };

  const module = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
        visitType(checker.getDeclaredTypeOfSymbol(symbol), symbol.name);
      } else if (ts.isClassDeclaration(declaration)) {
        declaration.members
          .filter(ts.isConstructorDeclaration)
          .flatMap((constructor) => constructor.parameters)
          .forEach((parameter) => visitType(checker.getTypeAtLocation(parameter), `${symbol.name} ${parameter.name.getText()}`));
      }
    }
  }
  return properties;
}

describe('TSDoc of the public API (what docs/api/ shows)', () => {
  const properties = publicProperties();

  test('reaches the props of every construct', () => {
    expect(properties.length).toBeGreaterThan(100);
    expect(properties.map((p) => p.where)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ K3sVipClusterProps\.kubeVip$/),
        expect.stringMatching(/ ClusterServer\.interface$/),
        expect.stringMatching(/ TraefikCertResolver\.email$/),
        expect.stringMatching(/ ClusterIssuerProps\.solver$/),
      ]),
    );
  });

  test('every property has a doc comment', () => {
    expect(properties.filter((p) => !p.documented).map((p) => p.where)).toEqual([]);
  });

  test('every optional property says its default with @default', () => {
    expect(properties.filter((p) => p.optional && !p.hasDefault).map((p) => p.where)).toEqual([]);
  });
});
