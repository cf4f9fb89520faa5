import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { anchorsOf, brokenLinks, githubSlugger, linksIn, renderedHeadingText, type MarkdownRepository } from "./markdown-links";

const root = path.resolve(__dirname, "../..");

/** Folders that hold build output, installed packages or tool state, never the project's own pages. */
const SKIPPED_FOLDERS = new Set(["node_modules", "out", "dist", "lib", ".git", ".tmp", ".pulumi"]);

/** Every file of the repository whose name ends with `extension`, relative to its root, with `/`. */
function filesEndingWith(extension: string, folder = ""): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = folder === "" ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : filesEndingWith(extension, relative);
    return entry.isFile() && entry.name.endsWith(extension) ? [relative] : [];
  });
}

const markdownFiles = () => filesEndingWith(".md");

/** A guide named in code, e.g. `docs/deploy.md, "The QuickSight manual step"` (the heading is optional). */
const GUIDE_POINTER = /docs\/([\w.-]+\.md)(?:, \\?"([^"\\]+)\\?")?/g;

const onDisk: MarkdownRepository = {
  exists: (file) => existsSync(path.join(root, file)),
  read: (file) => readFileSync(path.join(root, file), "utf8"),
};

/** Files held in memory: a folder exists when a file lies below it. */
function inMemory(files: Record<string, string>): MarkdownRepository {
  return {
    exists: (file) => file in files || Object.keys(files).some((name) => name.startsWith(`${file}/`)),
    read: (file) => files[file] ?? assert.fail(`${file} is not in the test's repository`),
  };
}

describe("relative links in the repository's Markdown", () => {
  it("reads README.md, every guide in docs/ and the other Markdown files of the repository, and no installed or built ones", () => {
    const files = markdownFiles();
    const guides = readdirSync(path.join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`);
    assert.ok(guides.length >= 10, `expected the guides in docs/, found ${guides.join(", ")}`);
    for (const expected of ["README.md", "policies/README.md", "synth/README.md", ...guides]) assert.ok(files.includes(expected), `${expected} not read`);
    assert.deepEqual(files.filter((file) => /(^|\/)(node_modules|out|dist|lib|\.tmp)\//.test(file)), []);
  });

  it("every relative link resolves to a file of the repository and every #anchor to a heading of its target", () => {
    assert.deepEqual(markdownFiles().flatMap((file) => brokenLinks(file, onDisk)), []);
  });

  it("every guide the code points to (messages, comments) exists and has the heading the pointer quotes", () => {
    const pointers = filesEndingWith(".ts")
      .filter((file) => !file.startsWith("test/"))
      .flatMap((file) => [...readFileSync(path.join(root, file), "utf8").matchAll(GUIDE_POINTER)].map(([pointer, guide, heading]) => ({ file, pointer, guide, heading })));
    assert.ok(pointers.filter(({ heading }) => heading !== undefined).length >= 3, "expected the doctor's fixes to name their guide and heading");
    const broken = pointers.flatMap(({ file, pointer, guide, heading }) => {
      if (!onDisk.exists(`docs/${guide}`)) return [`${file}: ${pointer}: docs/${guide} does not exist`];
      if (heading === undefined || anchorsOf(onDisk.read(`docs/${guide}`)).has(githubSlugger()(renderedHeadingText(heading)))) return [];
      return [`${file}: ${pointer}: docs/${guide} has no heading "${heading}"`];
    });
    assert.deepEqual(broken, []);
  });
});

describe("the Markdown link checker", () => {
  const guide = "# Deploy\n\n## Deploy in order\n\nText.\n";

  it("reports a link to a file that does not exist", () => {
    const repository = inMemory({ "README.md": "See [the guide](docs/deploy.md) and [gone](docs/gone.md).\n", "docs/deploy.md": guide });
    assert.deepEqual(brokenLinks("README.md", repository), ["README.md:1: docs/gone.md: docs/gone.md does not exist"]);
  });

  it("reports an anchor that no heading of the target makes, in another file and in the same file", () => {
    const repository = inMemory({
      "README.md": "# Intro\n\n[ok](docs/deploy.md#deploy-in-order) [bad](docs/deploy.md#deploy-now) [here](#intro) [nowhere](#outro)\n",
      "docs/deploy.md": guide,
    });
    assert.deepEqual(brokenLinks("README.md", repository), [
      "README.md:3: docs/deploy.md#deploy-now: docs/deploy.md has no heading whose anchor is #deploy-now",
      "README.md:3: #outro: this file has no heading whose anchor is #outro",
    ]);
  });

  it("resolves links relative to the linking file, images and folders included, and refuses paths outside the repository", () => {
    const repository = inMemory({
      "docs/ops.md": "![cost](cost.svg) [back](../README.md#top) [examples](../examples/app/) [out](../../x.md) [abs](/docs/cost.svg)\n",
      "docs/cost.svg": "<svg/>",
      "README.md": "# Top\n",
      "examples/app/index.ts": "",
    });
    assert.deepEqual(brokenLinks("docs/ops.md", repository), [
      "docs/ops.md:1: ../../x.md: points outside the repository (../x.md)",
      "docs/ops.md:1: /docs/cost.svg: an absolute path, which GitHub resolves outside the repository: write it relative to docs/ops.md",
    ]);
  });

  it("leaves external links alone and ignores links inside code", () => {
    const markdown = "[site](https://example.com/x.md) [mail](mailto:a@b.c)\n`[no](missing.md)`\n```md\n[no](missing.md)\n```\n";
    assert.deepEqual(brokenLinks("README.md", inMemory({ "README.md": markdown })), []);
  });

  it("finds inline links, images inside links, reference definitions and HTML links with their line", () => {
    const markdown = "[a](one.md) [![b](two.svg)](three.md)\n\n[ref]: four.md\n<img src=\"five.png\">\n[titled](six.md \"Six\")\n";
    assert.deepEqual(linksIn(markdown), [
      { target: "one.md", line: 1 },
      { target: "two.svg", line: 1 },
      { target: "three.md", line: 1 },
      { target: "four.md", line: 3 },
      { target: "five.png", line: 4 },
      { target: "six.md", line: 5 },
    ]);
  });

  it("slugs headings as GitHub does: lower case, punctuation dropped except - and _, each space a -", () => {
    const slug = githubSlugger();
    assert.equal(slug("QuickSight (components/quicksight)"), "quicksight-componentsquicksight");
    assert.equal(slug("Protected data, and the switch for throw-away stacks"), "protected-data-and-the-switch-for-throw-away-stacks");
    assert.equal(slug("REST: Firehose or CloudWatch Logs?"), "rest-firehose-or-cloudwatch-logs");
    assert.equal(slug("snake_case  and  spaces"), "snake_case--and--spaces");
  });

  it("numbers repeated headings -1, -2, … in order", () => {
    const slug = githubSlugger();
    assert.deepEqual(["Notes", "Notes", "Notes", "Notes 1"].map(slug), ["notes", "notes-1", "notes-2", "notes-1-1"]);
  });

  it("takes anchors from the rendered heading text, from setext headings and from HTML ids, and none from code blocks", () => {
    const markdown = [
      "# Upgrading a stack deployed with `0.2.0`",
      "## [Linked](x.md) *emphasis* and `snake_case` ##",
      "Setext heading",
      "---",
      "<a id=\"custom-anchor\"></a>",
      "```bash",
      "# publish out/*/changes.md",
      "```",
    ].join("\n");
    assert.deepEqual([...anchorsOf(markdown)], ["upgrading-a-stack-deployed-with-020", "linked-emphasis-and-snake_case", "setext-heading", "custom-anchor"]);
  });
});
