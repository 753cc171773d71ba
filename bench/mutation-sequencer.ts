import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of test files in a mutation run (vitest.mutate.config.ts). Stryker runs a mutant's
 * covering files one at a time and stops at the first failure, so the order decides how long a
 * killed mutant costs. Vitest's own order suits a full parallel run (the longest file first);
 * here the cheapest files go first: the file that failed last (it killed the previous mutant,
 * most often of the same module), then by last duration, shortest first, and files never timed
 * by size, smallest first.
 */
export default class CheapestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const costOf = (spec: TestSpecification): { failed: boolean; duration: number; size: number } => {
      const key = `${spec.project.name}:${path.relative(config.root, spec.moduleId)}`;
      const result = cache.getFileTestResults(key);
      return {
        failed: result?.failed ?? false,
        duration: result?.duration ?? Number.POSITIVE_INFINITY,
        size: cache.getFileStats(key)?.size ?? Number.POSITIVE_INFINITY,
      };
    };
    return files
      .map((spec) => ({ spec, ...costOf(spec) }))
      .sort((a, b) => {
        if (a.failed !== b.failed) return a.failed ? -1 : 1;
        if (a.duration !== b.duration) return a.duration - b.duration;
        return a.size - b.size;
      })
      .map(({ spec }) => spec);
  }
}
