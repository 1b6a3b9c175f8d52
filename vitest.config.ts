import { defineConfig } from "vitest/config";
import ClosingLineReporter from "./test/support/closing-line-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
    pool: "forks",
    setupFiles: ["test/support/temp-cleanup.ts"],
    reporters: ["default", new ClosingLineReporter()],
  },
});
