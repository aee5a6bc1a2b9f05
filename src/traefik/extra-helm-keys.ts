import type { Path, Problem } from '../core/problem';
import { helmRenamedKeys } from '../core/helm-scalars';
import { readHelmManifestText } from '../core/manifest-text';
import { inDocument } from './extra-list-shapes';

/**
 * A key of a text item that Helm reads as another: sigs.k8s.io/yaml turns a key go-yaml v2 types as a boolean, number
 * or null into its JSON text (`n:` is `"false"`, `on:` is `"true"`: core/go-yaml-scalars.ts), so the object gets that
 * key instead of the one written (a ConfigMap's `n` entry would be named `false`). `path` is the item's.
 */
export function renamedKeyProblems(item: unknown, path: Path): Problem[] {
  if (typeof item !== 'string') return [];
  const { documents } = readHelmManifestText(item);
  return documents.flatMap((document, d) =>
    helmRenamedKeys(document).map(({ path: at, written }) =>
      inDocument(
        {
          path: [...path, ...at],
          message:
            `is the key ${JSON.stringify(written)} as written, which Helm reads with sigs.k8s.io/yaml (YAML 1.1) as ` +
            `${JSON.stringify(at[at.length - 1])}, so the object gets that key instead: write "${written}", in quotes`,
        },
        documents.length > 1 ? d + 1 : undefined,
      ),
    ),
  );
}
