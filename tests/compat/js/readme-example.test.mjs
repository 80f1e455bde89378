// The README's "A whole chat from Node.js" example, run as a reader would run it (with the pinned packages), and its
// output compared with the one the README shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ENDPOINT, controlPlane } from "./helpers.mjs";

const MARKER = "<!-- full-chat-example:";

test("the README's full-chat example runs against ConnectMock and prints what the README shows", async () => {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const at = readme.indexOf(MARKER);
  assert.ok(at >= 0, `README.md has no ${MARKER} block`);
  const [, code, printed] = readme.slice(at).match(/```js\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```/) ?? [];
  assert.ok(code && printed, "the example or its output block is missing after the marker");
  await controlPlane.reset();

  // As an ES module evaluated in tests/compat, so that its imports resolve to the pinned packages.
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--input-type=module", "--eval", code], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, CONNECTMOCK_URL: ENDPOINT },
    timeout: 60_000,
  });

  assert.equal(stdout, printed, `stderr: ${stderr}`);
});
