import { describeSeededBugs } from './seeded-bug-check';

// The seeded bugs of REST calls, faults and depth: one file per group, so vitest runs the groups side by side.
describeSeededBugs('rest');
