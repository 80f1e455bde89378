// The Node.js examples of the docs (docs/full-chat.md's whole chat, docs/attachments.md's file both ways,
// docs/custom-bots.md's bot, docs/persistent-chat.md's returning customer), run as a reader would run them (with
// the pinned packages), and their output compared with the one the page shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ENDPOINT, controlPlane } from "./helpers.mjs";

// Each page's example: the first ```js block after its marker, and the ```text block after it (what it prints).
const EXAMPLES = [
  { page: "docs/full-chat.md", marker: "<!-- full-chat-example:", title: "the full-chat example of docs/full-chat.md" },
  { page: "docs/attachments.md", marker: "<!-- attachments-example:", title: "the attachments example of docs/attachments.md" },
  { page: "docs/custom-bots.md", marker: "<!-- custom-bot-example:", title: "the custom-bot example of docs/custom-bots.md" },
  { page: "docs/persistent-chat.md", marker: "<!-- persistent-chat-example:", title: "the persistent-chat example of docs/persistent-chat.md" },
];

for (const { page: PAGE, marker: MARKER, title } of EXAMPLES) {
  test(`${title} runs against ConnectMock and prints what the page shows`, async () => {
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
}
