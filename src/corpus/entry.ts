import { z } from 'zod';

/**
 * A stored counterexample. Versioned: a reader refuses versions it does not know rather than
 * guessing. `fingerprint` hashes the model and command sources, so a replay can say when the
 * code that produced an entry has changed since.
 */
export const CorpusEntrySchema = z.object({
  version: z.literal(1),
  property: z.string().min(1),
  seed: z.number().int(),
  path: z.string().regex(/^\d+(:\d+)*$/, 'a fast-check path such as "12:0:3"'),
  replayPath: z.string(),
  commands: z.array(z.string()),
  failure: z.string().min(1),
  tradepropVersion: z.string().min(1),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
  adapter: z.string().min(1),
});
export type CorpusEntry = z.infer<typeof CorpusEntrySchema>;
