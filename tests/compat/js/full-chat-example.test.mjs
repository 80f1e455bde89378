// The "A whole chat from Node.js" example of docs/full-chat.md, run as a reader would run it (with the pinned
// packages), and its output compared with the one the page shows. The example is the first ```js block after the
// page's full-chat-example marker; its output, the ```text block after it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ENDPOINT, controlPlane } from "./helpers.mjs";

const PAGE = "docs/full-chat.md";
const MARKER = "<!-- full-chat-example:";

test("the full-chat example of docs/full-chat.md runs against ConnectMock and prints what the page shows", async () => {
  const page = readFileSync(new URL(`../../../${PAGE}`, import.meta.url), "utf8");
  const at = page.indexOf(MARKER);
  assert.ok(at >= 0, `${PAGE} has no ${MARKER} block`);
  const [, code, printed] = page.slice(at).match(/```js\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```/) ?? [];
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
