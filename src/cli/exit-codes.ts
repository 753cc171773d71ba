import { isInputError } from '../domain/errors';

/** The CLI contract (DESIGN.md, The command line). Scripts and CI depend on these numbers. */
export const EXIT = {
  /** Everything held and the score reached the threshold (replay: the property now holds). */
  ok: 0,
  /** A property failed or the score fell short (replay: the failure reproduced). */
  failed: 1,
  /** Bad usage, configuration or input: the user must change something. */
  badInput: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeForError(error: unknown): ExitCode {
  return isInputError(error) ? EXIT.badInput : EXIT.failed;
}
