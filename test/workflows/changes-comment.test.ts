/**
 * The pull request's one change-summary comment: rendered by scripts/ci-changes-comment.ts within
 * GitHub's limit, and created once then edited in place by the comment job's github-script, run
 * here against a fake of the GitHub API it calls.
 */
import assert from "node:assert/strict";
import type { Change, ChangeSummary } from "../../synth/changes";
import { COMMENT_LIMIT, COMMENT_MARKER, renderComment, renderSummary, type ChangesReport, type StackChanges } from "../../scripts/ci-changes-comment";
import { readWorkflow } from "./support";

const replaced: Change = { kind: "replaced", urn: "urn:pulumi:dev::api-usage-insights::aws:cloudwatch/logGroup:LogGroup::catalog", type: "aws:cloudwatch/logGroup:LogGroup", name: "catalog", stateful: true, protected: true, reason: "name changed" };
const summaryWith = (changes: Change[], losses: Change[]): ChangeSummary => ({
  changes,
  counts: { added: 0, updated: 0, replaced: changes.filter((c) => c.kind === "replaced").length, deleted: 0 },
  protectedLosses: losses,
});
const stack = (name: string, body: string, summary = summaryWith([], [])): StackChanges => ({ stack: name, markdown: `# Changes to stack \`${name}\`\n\n${body}\n`, summary });
const report = (stacks: StackChanges[], overrides: Partial<ChangesReport> = {}): ChangesReport => ({ stacks, baseCommit: "abc1234", baseExit: 0, synthExit: 0, allowReplace: false, ...overrides });

describe("the change summary comment", () => {
  it("starts with the marker the comment job finds it by, and tables every stack in the order given", () => {
    const comment = renderComment(report([stack("monitoring", "No changes."), stack("dev", "## Stateful resources", summaryWith([replaced], [replaced]))], { synthExit: 1 }));
    assert.ok(comment.startsWith(`${COMMENT_MARKER}\n`));
    assert.match(comment, /\| monitoring \| 0 \| 0 \| 0 \| 0 \| no changes \|\n\| dev \| 0 \| 0 \| 1 \| 0 \| \*\*REFUSED\*\*: 1 protected resource\(s\) replaced or deleted \|/);
    assert.match(comment, /\*\*The synth fails this change\*\* \(exit 1: a mandatory policy violation, or a protected resource replaced or deleted\)\..*label `allow-replace`/);
  });

  it("says ALLOWED, not REFUSED, when the synth ran with --allow-replace", () => {
    const comment = renderComment(report([stack("dev", "x", summaryWith([replaced], [replaced]))], { allowReplace: true }));
    assert.match(comment, /\*\*ALLOWED\*\*: 1 protected resource/);
    assert.match(comment, /--all --baseline out\/base --allow-replace/);
  });

  it("names a stack whose synth wrote no changes.md, and a base commit that did not synthesize", () => {
    const comment = renderComment(report([{ stack: "prod" }], { baseExit: 3, synthExit: 2 }));
    assert.match(comment, /\| prod \| \| \| \| \| no changes\.md: the synth of this stack failed/);
    assert.match(comment, /The base commit's synth exited 3\*\* \(the program itself failed\)/);
  });

  it("fits a report of exactly GitHub's limit whole", () => {
    const fixed = renderSummary(report([stack("dev", "")])).length;
    const exact = report([stack("dev", "x".repeat(COMMENT_LIMIT - fixed))]);
    assert.equal(renderSummary(exact).length, COMMENT_LIMIT);
    assert.equal(renderComment(exact), renderSummary(exact));
  });

  it("leaves out, by name and size, a stack one character beyond the limit, and keeps the job summary whole", () => {
    const fixed = renderSummary(report([stack("dev", "")])).length;
    const beyond = report([stack("dev", "x".repeat(COMMENT_LIMIT - fixed + 1))]);
    const comment = renderComment(beyond);
    assert.ok(comment.length <= COMMENT_LIMIT, `${comment.length}`);
    assert.doesNotMatch(comment, /xxxx/);
    assert.match(comment, /Too long for one comment \(GitHub takes 65,536 characters\): dev \([\d,]+ characters\); the job summary of the run has every stack/);
    assert.equal(renderSummary(beyond).length, COMMENT_LIMIT + 1);
  });

  it("keeps the stacks that fit when one does not", () => {
    const comment = renderComment(report([stack("monitoring", "No changes."), stack("dev", "x".repeat(COMMENT_LIMIT)), stack("prod", "Some change.")]));
    assert.match(comment, /<summary><b>monitoring<\/b><\/summary>/);
    assert.match(comment, /<summary><b>prod<\/b><\/summary>/);
    assert.match(comment, /Too long for one comment.*: dev \(/);
  });
});

interface FakeComment {
  id: number;
  body: string;
  user: { login: string };
}

/** The calls the comment job's script makes, on an in-memory pull request. */
function fakeGitHub(comments: FakeComment[]) {
  const rest = {
    issues: {
      listComments: async () => ({ data: comments }),
      createComment: async ({ body }: { body: string }) => {
        const comment = { id: 100 + comments.length, body, user: { login: "github-actions[bot]" } };
        comments.push(comment);
        return { data: comment };
      },
      updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
        comments.find((c) => c.id === comment_id)!.body = body;
        return { data: {} };
      },
    },
  };
  return { rest, paginate: async (method: () => Promise<{ data: FakeComment[] }>) => (await method()).data };
}

// actions/github-script runs `script` as the body of an async function with these arguments.
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
const commentScript = String(readWorkflow(".github/workflows/pull-request.yml").jobs.comment!.steps![0]!.with!.script);

async function runCommentJob(comments: FakeComment[], body: string): Promise<void> {
  const context = { repo: { owner: "acme", repo: "api-usage-insights" }, issue: { number: 7 } };
  const core = { info: () => undefined };
  const previous = process.env.COMMENT;
  process.env.COMMENT = body;
  try {
    await new AsyncFunction("github", "context", "core", commentScript)(fakeGitHub(comments), context, core);
  } finally {
    if (previous === undefined) delete process.env.COMMENT;
    else process.env.COMMENT = previous;
  }
}

describe("the comment job", () => {
  it("creates the comment once, then edits that one comment on every later push", async () => {
    const comments: FakeComment[] = [{ id: 1, body: "Looks good", user: { login: "reviewer" } }];
    await runCommentJob(comments, `${COMMENT_MARKER}\nfirst`);
    await runCommentJob(comments, `${COMMENT_MARKER}\nsecond`);
    assert.deepEqual(
      comments.map((c) => c.body),
      ["Looks good", `${COMMENT_MARKER}\nsecond`],
    );
  });

  it("never edits someone else's comment that quotes the marker", async () => {
    const comments: FakeComment[] = [{ id: 1, body: `quoting ${COMMENT_MARKER}`, user: { login: "reviewer" } }];
    await runCommentJob(comments, `${COMMENT_MARKER}\nnew`);
    assert.deepEqual(
      comments.map((c) => c.body),
      [`quoting ${COMMENT_MARKER}`, `${COMMENT_MARKER}\nnew`],
    );
  });
});
