/** The checklist as terminal text (✔ / ✘ / skipped, each ✘ with cause and fix) and as Markdown for a CI summary. */
import type { CheckResult } from "./run";

export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export function summarize(results: readonly CheckResult[]): Summary {
  const count = (status: string) => results.filter((r) => r.outcome.status === status).length;
  return { passed: count("pass"), failed: count("fail"), skipped: count("skip") };
}

export function checklistText(results: readonly CheckResult[], heading: string): string {
  const lines = [heading];
  let area = "";
  for (const { check, outcome } of results) {
    if (check.area !== area) {
      area = check.area;
      lines.push("", area);
    }
    if (outcome.status === "pass") lines.push(`  ✔ ${check.title}: ${outcome.detail}`);
    else if (outcome.status === "skip") lines.push(`  – ${check.title}: skipped, ${outcome.reason}`);
    else lines.push(`  ✘ ${check.title}`, `      cause: ${outcome.cause}`, `      fix:   ${outcome.fix}`);
  }
  const s = summarize(results);
  lines.push("", `${s.passed} ✔, ${s.failed} ✘, ${s.skipped} skipped`);
  return lines.join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function checklistMarkdown(results: readonly CheckResult[], heading: string): string {
  const s = summarize(results);
  const lines = [`## ${heading}`, "", `${s.failed === 0 ? "✔ healthy" : `✘ ${s.failed} failing`}: ${s.passed} ✔, ${s.failed} ✘, ${s.skipped} skipped`, ""];
  lines.push("| | Area | Check | Result |", "|---|---|---|---|");
  for (const { check, outcome } of results) {
    const mark = outcome.status === "pass" ? "✔" : outcome.status === "fail" ? "✘" : "–";
    const result =
      outcome.status === "pass" ? outcome.detail : outcome.status === "skip" ? `skipped: ${outcome.reason}` : `**cause:** ${outcome.cause}<br>**fix:** ${outcome.fix}`;
    lines.push(`| ${mark} | ${check.area} | ${cell(check.title)} | ${cell(result)} |`);
  }
  return lines.join("\n") + "\n";
}
