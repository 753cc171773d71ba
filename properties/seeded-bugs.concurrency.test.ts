import { describeSeededBugs } from './seeded-bug-check';

// The seeded bugs of calls in flight together, and performance: one file per group, so vitest runs the groups side by side.
describeSeededBugs('concurrency');
