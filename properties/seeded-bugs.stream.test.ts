import { describeSeededBugs } from './seeded-bug-check';

// The seeded bugs of the user-data stream and the adapter lifecycle: one file per group, so vitest runs the groups side by side.
describeSeededBugs('stream');
