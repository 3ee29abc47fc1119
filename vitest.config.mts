import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/test/**/*.test.ts', 'client/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Vitest's default leaves a core free (one worker on CI's two cores). Most files spend their
    // time waiting on the processes they spawn (server, CLI, git), so a worker per core takes the
    // suite from about 265 s to about 190 s there; no test asserts a duration a busier core breaks.
    maxWorkers: availableParallelism(),
  },
});
