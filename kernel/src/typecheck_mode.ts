/**
 * How type errors treat a cell: `error` blocks it (TypeScript's contract, the default), `warn`
 * prints them and runs the cell, `off` runs it silently. Chosen kernel-wide by the kernelspec
 * argument `--typecheck=<mode>` or the `DECONVLAB_TYPECHECK` environment variable; a cell whose
 * first line is `// @ts-nocheck` runs unchecked whatever the mode.
 */

/** The type-check modes. */
export type TypecheckMode = 'error' | 'warn' | 'off';

const MODES: readonly TypecheckMode[] = ['error', 'warn', 'off'];

/** The mode from `--typecheck=<mode>` (or `--typecheck <mode>`), else `DECONVLAB_TYPECHECK`, else `error`; throws on an unknown value. */
export function typecheckMode(argv: readonly string[], env: NodeJS.ProcessEnv): TypecheckMode {
  const at = argv.indexOf('--typecheck');
  const inline = argv.find((arg) => arg.startsWith('--typecheck='));
  const fromArgv = inline?.slice('--typecheck='.length) ?? (at >= 0 ? argv[at + 1] : undefined);
  const [value, source] = fromArgv !== undefined ? [fromArgv, '--typecheck'] : [env.DECONVLAB_TYPECHECK, 'DECONVLAB_TYPECHECK'];
  if (value === undefined || value === '') return 'error';
  if ((MODES as readonly string[]).includes(value)) return value as TypecheckMode;
  throw new Error(
    `${source} must be one of ${MODES.join(', ')}; got ${JSON.stringify(value)}. Fix the kernelspec's argv or the environment variable.`,
  );
}

/** Whether the cell opts out of checking with `// @ts-nocheck` on its first non-blank line. */
export function isNocheckCell(code: string): boolean {
  return /^\s*\/\/\s*@ts-nocheck\b/.test(code);
}
