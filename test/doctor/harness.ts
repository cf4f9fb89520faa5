/** Runs `npm run doctor`'s main in-process against a fake account, with only loopback endpoints and test credentials in the environment. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../scripts/doctor";
import { withRealSend } from "./real-sdk";
import { ENDPOINT_VARIABLES, REGION, healthyOutputs, healthyState, startFake, type FakeState } from "./fake-account";

const STACK_FILE = `config:
  aws:region: ${REGION}
  api-usage-insights:apis:
    - name: orders
      type: REST
      apiId: a1b2c3d4e5
      stage: dev
      delivery: firehose
    - name: catalog
      type: HTTP
      apiId: f6g7h8i9j0
      stage: $default
  api-usage-insights:quicksightEnabled: true
  api-usage-insights:quicksightAdminUserNames:
    - platform-admin
`;

export interface DoctorRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly markdown: string;
  readonly state: FakeState;
}

export interface RunSetup {
  /** Change the healthy account to plant a failure. */
  readonly plant?: (state: FakeState) => void;
  readonly outputs?: unknown;
  readonly credentials?: boolean;
  readonly args?: readonly string[];
  readonly budgetMs?: number;
  /** Pulumi.fake.yaml; default: a source stack with one REST and one HTTP API and QuickSight. */
  readonly stackFile?: string;
}

const CLEARED = ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN"];

export async function runDoctor(setup: RunSetup = {}): Promise<DoctorRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "doctor-"));
  writeFileSync(path.join(dir, "Pulumi.fake.yaml"), setup.stackFile ?? STACK_FILE);
  const outputsFile = path.join(dir, "outputs.json");
  writeFileSync(outputsFile, JSON.stringify(setup.outputs ?? healthyOutputs()));
  const markdownFile = path.join(dir, "doctor.md");

  const state = healthyState(new Date());
  setup.plant?.(state);
  const fake = await startFake(state);
  const saved = { ...process.env };
  for (const name of CLEARED) delete process.env[name];
  Object.assign(process.env, {
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: path.join(dir, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "no-credentials"),
    AWS_REGION: REGION,
  });
  if (setup.credentials === false) {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  } else Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDDOCTORTEST", AWS_SECRET_ACCESS_KEY: "doctor-test-secret" });
  for (const name of ENDPOINT_VARIABLES) process.env[name] = fake.url;

  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await withRealSend(() =>
      main(
        ["--stack", "fake", "--stack-dir", dir, "--outputs", outputsFile, "--markdown", markdownFile, "--timeout", "1", ...(setup.args ?? [])],
        { out: (t) => out.push(t), err: (t) => err.push(t), progress: (t) => err.push(t) },
        { budgetMs: setup.budgetMs ?? 8000, pollIntervalMs: 5, connectionTimeoutMs: 500 },
      ),
    );
    let markdown = "";
    try {
      markdown = readFileSync(markdownFile, "utf8");
    } catch {
      markdown = "";
    }
    return { code, out: out.join("\n"), err: err.join("\n"), markdown, state };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await fake.close();
  }
}

/** The checklist line of a check and the cause/fix lines under it. */
export function entryOf(out: string, title: string): string {
  const lines = out.split("\n");
  const at = lines.findIndex((l) => l.includes(title));
  if (at < 0) return "";
  const entry = [lines[at]];
  for (const line of lines.slice(at + 1)) {
    if (!/^\s{6}(cause|fix):/.test(line)) break;
    entry.push(line);
  }
  return entry.join("\n");
}
