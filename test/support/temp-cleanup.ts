// Vitest setup file: removes the temp dirs a test file made (test/support/temp-tree.ts) when it ends.
import { afterAll } from "vitest";
import { removeTempDirs } from "./temp-tree.js";

afterAll(removeTempDirs);
