import type { Manifest } from "../../../manifest/schema";
import { collectionSchemas } from "../../documents";
import {
  acceptedResponse,
  appResponse,
  billingCheckoutBody,
  billingPurchaseBody,
  purchasesResponse,
  errorResponse,
  fileResponse,
  loginBody,
  meResponse,
  passwordChangeBody,
  providersResponse,
  resetBody,
  resetRequestBody,
  signupBody,
  urlResponse,
  userResponse,
  verifyBody,
} from "../contract";
import { collectionOps } from "./collection-ops";
import { authOps, fileOps } from "./fixed-ops";
import { type JsonSchema, operation, ref, toSchema } from "./operation";

function components(manifest: Manifest): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {
    Error: toSchema(errorResponse, "output"),
    SignupBody: toSchema(signupBody, "input"),
    LoginBody: toSchema(loginBody, "input"),
    VerifyBody: toSchema(verifyBody, "input"),
    ResetRequestBody: toSchema(resetRequestBody, "input"),
    ResetBody: toSchema(resetBody, "input"),
    PasswordChangeBody: toSchema(passwordChangeBody, "input"),
    UserResponse: toSchema(userResponse, "output"),
    MeResponse: toSchema(meResponse, "output"),
    Accepted: toSchema(acceptedResponse, "output"),
    AppResponse: toSchema(appResponse, "output"),
    FileResponse: toSchema(fileResponse, "output"),
    CheckoutBody: toSchema(billingCheckoutBody, "input"),
    PurchaseBody: toSchema(billingPurchaseBody, "input"),
    PurchasesResponse: toSchema(purchasesResponse, "output"),
    UrlResponse: toSchema(urlResponse, "output"),
    ProvidersResponse: toSchema(providersResponse, "output"),
  };
  for (const [name, spec] of Object.entries(manifest.collections)) {
    const s = collectionSchemas(spec);
    const C = name.charAt(0).toUpperCase() + name.slice(1);
    out[`${C}Create`] = toSchema(s.create, "input");
    out[`${C}Update`] = toSchema(s.update, "input");
    out[`${C}Item`] = toSchema(s.item, "output");
    out[`${C}ItemResponse`] = {
      type: "object",
      properties: { item: ref(`${C}Item`) },
      required: ["item"],
      additionalProperties: false,
    };
    out[`${C}List`] = {
      type: "object",
      properties: { items: { type: "array", items: ref(`${C}Item`) }, nextCursor: { type: ["string", "null"] } },
      required: ["items", "nextCursor"],
      additionalProperties: false,
    };
  }
  return out;
}

export function buildOpenApi(manifest: Manifest, server: { origin: string; title: string }): JsonSchema {
  const ops = [
    ...authOps(),
    ...Object.keys(manifest.collections).flatMap((n) => collectionOps(n, manifest)),
    ...fileOps(),
  ];
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of ops) {
    const path = paths[op.path] ?? {};
    path[op.method] = operation(op);
    paths[op.path] = path;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: server.title,
      version: manifest.version,
      description: 'The locked backend every Sandlot app shares. Errors are {"error":{"code","message","requestId"}}.',
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: server.origin }],
    paths,
    components: { schemas: components(manifest) },
  };
}
