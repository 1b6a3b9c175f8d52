import { defineConfig } from "vitest/config";
import ClosingLineReporter from "./test/support/closing-line-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
    pool: "forks",
    // Vitest's default is one worker less than the cores: one on the 2-core machines the suite runs
    // on. Many tests wait on child processes, tmux and loopback servers, so three overlap those
    // waits: 4 min 27 s -> 3 min 5 s wall on 2 cores, the same tests.
    maxWorkers: 3,
    setupFiles: ["test/support/temp-cleanup.ts"],
    reporters: ["default", new ClosingLineReporter()],
  },
});
