import assert from "node:assert/strict";
import { USER_SOURCES } from "../../../contracts/functions/access-log-enricher";
import { resolveUserIdentity } from "../../../functions/access-log-enricher/identity";

const nobody = { claimsSub: null, principalId: null, cognitoIdentityId: null, userArn: null, apiKeyId: null };

describe("resolveUserIdentity", () => {
  it("takes the claims sub first and calls it cognito on REST, jwt on HTTP", () => {
    const who = { ...nobody, claimsSub: "sub-1", apiKeyId: "key-1" };
    assert.deepEqual(resolveUserIdentity("REST", who, USER_SOURCES), { userId: "sub-1", userSource: "claims_sub", authMethod: "cognito" });
    assert.equal(resolveUserIdentity("HTTP", who, USER_SOURCES).authMethod, "jwt");
  });

  it("names a Lambda authorizer's principal", () => {
    assert.deepEqual(resolveUserIdentity("REST", { ...nobody, principalId: "p-1" }, USER_SOURCES), {
      userId: "p-1",
      userSource: "principal_id",
      authMethod: "lambda_authorizer",
    });
  });

  it("prefers the Cognito identity id to the user ARN by default and calls both iam", () => {
    const who = { ...nobody, cognitoIdentityId: "eu-west-1:abc", userArn: "arn:aws:sts::1:assumed-role/r/s" };
    assert.deepEqual(resolveUserIdentity("HTTP", who, USER_SOURCES), { userId: "eu-west-1:abc", userSource: "cognito_identity_id", authMethod: "iam" });
  });

  it("falls back to the API key id", () => {
    assert.deepEqual(resolveUserIdentity("REST", { ...nobody, apiKeyId: "key-1" }, USER_SOURCES), { userId: "key-1", userSource: "api_key_id", authMethod: "api_key" });
  });

  it("follows a configured order and ignores sources left out of it", () => {
    const who = { ...nobody, claimsSub: "sub-1", apiKeyId: "key-1" };
    assert.equal(resolveUserIdentity("REST", who, ["api_key_id", "claims_sub"]).userSource, "api_key_id");
    assert.deepEqual(resolveUserIdentity("REST", who, ["iam_user_arn"]), { userId: null, userSource: null, authMethod: "cognito" });
  });

  it("reports no user and no auth when nothing identifies the caller", () => {
    assert.deepEqual(resolveUserIdentity("REST", nobody, USER_SOURCES), { userId: null, userSource: null, authMethod: "none" });
  });
});
