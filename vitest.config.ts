import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests import the packages' sources directly, so they never need a build first.
const packagesDir = fileURLToPath(new URL("./packages", import.meta.url));
const alias = readdirSync(packagesDir).map((name) => ({
  find: new RegExp(`^@skein/${name}$`),
  replacement: `${packagesDir}/${name}/src/index.ts`,
}));

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["packages/*/test/**/*.test.ts", "tests/**/*.test.ts"],
    pool: "threads",
    testTimeout: 60_000,
  },
});
