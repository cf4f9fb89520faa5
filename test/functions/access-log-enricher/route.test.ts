import assert from "node:assert/strict";
import { resolveRoute, templatePath } from "../../../functions/access-log-enricher/route";

const none = { resourcePath: null, routeKey: null, path: null, stage: null };

describe("resolveRoute", () => {
  it("uses the REST resourcePath as the template", () => {
    assert.deepEqual(resolveRoute("REST", { ...none, resourcePath: "/users/{userId}", path: "/prod/users/42", stage: "prod" }), {
      route: "/users/{userId}",
      routeSource: "template",
    });
  });

  it("drops the method from an HTTP route key so REST and HTTP routes read alike", () => {
    assert.deepEqual(resolveRoute("HTTP", { ...none, routeKey: "GET /pets/{petId}" }), { route: "/pets/{petId}", routeSource: "template" });
    assert.deepEqual(resolveRoute("HTTP", { ...none, routeKey: "ANY /{proxy+}" }), { route: "/{proxy+}", routeSource: "template" });
  });

  it("templates the path when an HTTP API matched its $default route", () => {
    assert.deepEqual(resolveRoute("HTTP", { ...none, routeKey: "$default", path: "/live/orders/123", stage: "live" }), {
      route: "/orders/:id",
      routeSource: "inferred",
    });
  });

  it("keeps WebSocket route keys whole", () => {
    assert.deepEqual(resolveRoute("WEBSOCKET", { ...none, routeKey: "$connect" }), { route: "$connect", routeSource: "template" });
    assert.deepEqual(resolveRoute("WEBSOCKET", { ...none, routeKey: "$default" }), { route: "$default", routeSource: "template" });
  });

  it("strips the stage from an execute-api path before templating, but not a look-alike segment", () => {
    assert.equal(resolveRoute("REST", { ...none, path: "/prod/users/42", stage: "prod" }).route, "/users/:id");
    assert.equal(resolveRoute("REST", { ...none, path: "/production/users/42", stage: "prod" }).route, "/production/users/:id");
    assert.equal(resolveRoute("REST", { ...none, path: "/prod", stage: "prod" }).route, "/");
  });

  it("has no route when nothing was logged", () => {
    assert.deepEqual(resolveRoute(null, none), { route: null, routeSource: null });
  });
});

describe("templatePath", () => {
  it("replaces numeric, UUID and long hex segments with :id", () => {
    assert.equal(
      templatePath("/users/42/avatar/3fa85f64-5717-4562-b3fc-2c963f66afa6/v/9f86d081884c7d659a2feaa0c55ad015"),
      "/users/:id/avatar/:id/v/:id",
    );
  });

  it("keeps words, short hex and empty segments", () => {
    assert.equal(templatePath("/cafe/beef/v2//x"), "/cafe/beef/v2//x");
    assert.equal(templatePath("/"), "/");
    assert.equal(templatePath(""), "");
    assert.equal(templatePath("/a/"), "/a/");
  });

  it("templates a trailing id and a path that is only an id", () => {
    assert.equal(templatePath("/orders/123/"), "/orders/:id/");
    assert.equal(templatePath("123"), ":id");
  });
});
