/**
 * The server as an OAuth 2.1 resource server (MCP authorization): every request carries
 * `Authorization: Bearer <JWT>`, verified against the issuer's JWKS (cached; fetched again when a token
 * names a key it does not have) — signature, issuer, expiry and not-before, and the audience when one is
 * set. Refusals are 401 with a `WWW-Authenticate` header naming the resource metadata (RFC 9728).
 * Token contents never reach the log: only why a token was refused.
 */
import { createRemoteJWKSet, errors, jwtVerify } from "jose";

/** An accepted token's identity, as the MCP SDK's handlers receive it. */
export interface VerifiedToken {
  token: string;
  /** Whom the token speaks for (`sub`): a session belongs to it. */
  subject: string;
  clientId: string;
  scopes: string[];
  expiresAt?: number;
}

/** Why a request was refused: the OAuth error and its description (safe to log and to send). */
export interface AuthRefusal {
  error: "invalid_request" | "invalid_token";
  description: string;
}

/** The verifier for an issuer's tokens. */
export function bearerVerifier(
  auth: { issuer: string; jwksUri: string; audience?: string },
): (authorization: string | null) => Promise<VerifiedToken | AuthRefusal> {
  const keys = createRemoteJWKSet(new URL(auth.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  return async (authorization) => {
    const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(authorization ?? "");
    if (!m) {
      return {
        error: "invalid_request",
        description: "An Authorization: Bearer <token> header is required.",
      };
    }
    try {
      const { payload } = await jwtVerify(m[1], keys, {
        issuer: auth.issuer,
        ...(auth.audience ? { audience: auth.audience } : {}),
      });
      const scope = typeof payload.scope === "string" ? payload.scope : "";
      const clientId = typeof payload.client_id === "string"
        ? payload.client_id
        : typeof payload.azp === "string"
        ? payload.azp
        : String(payload.sub ?? "");
      return {
        token: m[1],
        subject: String(payload.sub ?? clientId),
        clientId,
        scopes: scope.split(" ").filter((s) => s !== ""),
        ...(typeof payload.exp === "number" ? { expiresAt: payload.exp } : {}),
      };
    } catch (e) {
      return { error: "invalid_token", description: refusalReason(e) };
    }
  };
}

/** Why jose refused a token, in words that reveal nothing of the token. */
function refusalReason(e: unknown): string {
  if (e instanceof errors.JWTExpired) return "The token has expired.";
  if (e instanceof errors.JWTClaimValidationFailed) {
    return e.claim === "iss"
      ? "The token was not issued by the expected issuer."
      : e.claim === "aud"
      ? "The token is not meant for this server (audience)."
      : e.claim === "nbf"
      ? "The token is not valid yet."
      : `The token's ${e.claim} claim is not acceptable.`;
  }
  if (e instanceof errors.JWKSNoMatchingKey) {
    return "The token is signed with a key the issuer does not publish.";
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) return "The token's signature does not verify.";
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JOSEError && e.code === "ERR_JWKS_INVALID") {
    return "The issuer's signing keys could not be fetched.";
  }
  return "The token is not a valid JWT.";
}

/** The `WWW-Authenticate` header of a refusal, pointing at the protected-resource metadata. */
export function challenge(metadataUrl: string, refusal?: AuthRefusal): string {
  const parts = [`resource_metadata="${metadataUrl}"`];
  if (refusal) {
    parts.unshift(
      `error="${refusal.error}"`,
      `error_description="${refusal.description.replaceAll('"', "'")}"`,
    );
  }
  return `Bearer ${parts.join(", ")}`;
}
