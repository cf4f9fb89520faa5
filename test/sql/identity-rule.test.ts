/**
 * One rule for "is this identity a user", applied alike by the enricher, the Logs Insights queries
 * and the SQL: "-", "" and whitespace-only values are absent.
 */
import assert from "node:assert/strict";
import { topUsersQuery } from "../../components/dashboard/logs-queries";
import { USER_SOURCES, type UserSource } from "../../contracts/functions/access-log-enricher";
import { logsIdentityPresent, presentIdentity, sqlPresentIdentity } from "../../contracts/identity";
import { resolveUserIdentity, type IdentityInput } from "../../functions/access-log-enricher/identity";
import { totalQuery } from "../../functions/distinct-users-widget/logs-queries";
import { AthenaOnDuckDb } from "./athena-on-duckdb";

const BLANKS = ["", " ", "\t", "  \n "];
const FIELD: Record<UserSource, keyof IdentityInput> = {
  claims_sub: "claimsSub",
  principal_id: "principalId",
  cognito_identity_id: "cognitoIdentityId",
  iam_user_arn: "userArn",
  api_key_id: "apiKeyId",
};
const nobody: IdentityInput = { claimsSub: null, principalId: null, cognitoIdentityId: null, userArn: null, apiKeyId: null };

describe("the identity rule", () => {
  for (const [i, source] of USER_SOURCES.entries()) {
    it(`skips a blank ${source} and takes the next identity in the order`, () => {
      const next = USER_SOURCES[(i + 1) % USER_SOURCES.length];
      const order = [source, next];
      for (const blank of BLANKS) {
        const who = { ...nobody, [FIELD[source]]: blank, [FIELD[next]]: "someone" };
        assert.deepEqual([resolveUserIdentity("REST", who, order).userId, resolveUserIdentity("REST", who, order).userSource], ["someone", next], JSON.stringify(blank));
      }
    });
  }

  it("leaves user_id absent and auth_method none when every identity is blank", () => {
    const who: IdentityInput = { claimsSub: "", principalId: " ", cognitoIdentityId: "\t", userArn: "", apiKeyId: "  " };
    assert.deepEqual(resolveUserIdentity("HTTP", who, USER_SOURCES), { userId: null, userSource: null, authMethod: "none" });
  });

  it("keeps a present value exactly as logged, surrounding spaces included", () => {
    assert.equal(presentIdentity(" sub-1 "), " sub-1 ");
    assert.equal(presentIdentity("-"), null);
  });

  it("is the filter of the widget's and the dashboard's Logs Insights queries", () => {
    assert.equal(logsIdentityPresent("user"), `ispresent(user) and user != "-" and trim(user) != ""`);
    assert.ok(totalQuery({ userField: "claimsSub" }).includes(`filter ${logsIdentityPresent("user")}`));
    assert.ok(topUsersQuery({ name: "a", type: "HTTP", apiId: "a1b2c3d4e5", apiName: "a", stage: "s", userField: "claimsSub", customerField: "claimsSub" }).includes(`filter ${logsIdentityPresent("user")}`));
  });

  it("counts in SQL exactly the values the enricher would keep", async () => {
    // DuckDB's trim() removes spaces only (Trino's removes tabs and line breaks too), so the engine sees space blanks.
    const values = ["u1", "u2", "u1", "-", "", " ", "   ", " u3 "];
    const lake = await AthenaOnDuckDb.withRows("lake", "logs", values.map((v, i) => ({ row: { request_id: `r${i}`, user_id: v }, dt: "2026-11-01" })));
    const [result] = await lake.query(`SELECT count(DISTINCT ${sqlPresentIdentity("user_id")}) AS users FROM "lake"."logs"`);
    assert.equal(result.users, String(new Set(values.map(presentIdentity).filter((v) => v !== null)).size));
    assert.equal(result.users, "3");
  });
});
