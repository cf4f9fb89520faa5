/**
 * Who made the request: the first identity present in the configured order, which source it came
 * from, and how the caller authenticated.
 */
import type { UserSource } from "../../contracts/functions/access-log-enricher";
import type { ApiType } from "../../contracts/log-fields";

export type AuthMethod = "cognito" | "jwt" | "lambda_authorizer" | "iam" | "api_key" | "none";

export interface IdentityInput {
  readonly claimsSub: string | null;
  readonly principalId: string | null;
  readonly cognitoIdentityId: string | null;
  readonly userArn: string | null;
  readonly apiKeyId: string | null;
}

export interface UserIdentity {
  readonly userId: string | null;
  readonly userSource: UserSource | null;
  readonly authMethod: AuthMethod;
}

export function resolveUserIdentity(apiType: ApiType | null, input: IdentityInput, order: readonly UserSource[]): UserIdentity {
  let userId: string | null = null;
  let userSource: UserSource | null = null;
  for (const source of order) {
    const value = identityFrom(input, source);
    if (value !== null) {
      userId = value;
      userSource = source;
      break;
    }
  }
  return { userId, userSource, authMethod: authMethodOf(apiType, input) };
}

function identityFrom(input: IdentityInput, source: UserSource): string | null {
  switch (source) {
    case "claims_sub":
      return input.claimsSub;
    case "principal_id":
      return input.principalId;
    case "cognito_identity_id":
      return input.cognitoIdentityId;
    case "iam_user_arn":
      return input.userArn;
    case "api_key_id":
      return input.apiKeyId;
  }
}

/**
 * Claims come from a Cognito user-pool authorizer on REST and from a JWT authorizer on HTTP APIs;
 * a Cognito identity id or a user ARN means a SigV4-signed (IAM) call. An API key alone identifies
 * a usage plan subscriber, not an authenticated user, so it ranks last.
 */
function authMethodOf(apiType: ApiType | null, input: IdentityInput): AuthMethod {
  if (input.claimsSub !== null) return apiType === "HTTP" ? "jwt" : "cognito";
  if (input.principalId !== null) return "lambda_authorizer";
  if (input.cognitoIdentityId !== null || input.userArn !== null) return "iam";
  if (input.apiKeyId !== null) return "api_key";
  return "none";
}
