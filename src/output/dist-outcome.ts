import { GENERATED_LIST, PublishOutcome, SyncReport } from './publish';

/** The last line of a failed synth: exactly what it left changed in dist/, or that it changed nothing. */
export function distOutcome(distDir: string, { changes, rolledBack, complete }: PublishOutcome): string {
  const undone = rolledBack ? ` (${rolledBack} change(s) made before the error were rolled back)` : '';
  if (!changes.length) return `${distDir}/ was left unchanged${undone}.`;
  if (complete) return `${distDir}/ was updated all the same, as listed above: it is complete.`;
  return (
    `${distDir}/ was changed only as listed above${undone}; every file synth wrote is whole and listed in ${distDir}/${GENERATED_LIST}: ` +
    'fix the cause and run synth again to finish'
  );
}

/** A publish that completed, as the outcome of a run that failed after it (its staging copy, its lock). */
export function completedOutcome({ written, removed }: SyncReport): PublishOutcome {
  return { changes: [...written.map((f) => `wrote ${f}`), ...removed.map((f) => `removed ${f}`)], rolledBack: 0, complete: true };
}
