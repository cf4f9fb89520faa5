/**
 * Example app stack: a REST API and an HTTP API whose stages send their access logs to an
 * api-usage-insights stack, read through a StackReference, with the helpers of the published
 * package (`npm install api-usage-insights`). Inside this repository the name resolves to the
 * package itself (Node's self-reference through `exports`; run `npm run build` first).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logGroupStageAccessLogSettings, restStageAccessLogSettings } from "api-usage-insights/app";

export = async () => {
  const config = new pulumi.Config();
  const insights = new pulumi.StackReference(config.require("insightsStack"));

  // REST: logs go to the insights stack's amazon-apigateway-… Firehose stream.
  const orders = new aws.apigateway.RestApi("orders", { description: "Orders API" });
  const items = new aws.apigateway.Resource("items", { restApi: orders.id, parentId: orders.rootResourceId, pathPart: "items" });
  const getItems = new aws.apigateway.Method("get-items", { restApi: orders.id, resourceId: items.id, httpMethod: "GET", authorization: "NONE" });
  const mock = new aws.apigateway.Integration("get-items", {
    restApi: orders.id,
    resourceId: items.id,
    httpMethod: getItems.httpMethod,
    type: "MOCK",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
  });
  const deployment = new aws.apigateway.Deployment("orders", { restApi: orders.id }, { dependsOn: [mock] });
  const stage = new aws.apigateway.Stage("orders-dev", {
    restApi: orders.id,
    deployment: deployment.id,
    stageName: "dev",
    accessLogSettings: restStageAccessLogSettings(insights),
  });
  new aws.apigateway.MethodSettings("orders-dev-metrics", {
    restApi: orders.id,
    stageName: stage.stageName,
    methodPath: "*/*",
    settings: { metricsEnabled: true, loggingLevel: "ERROR" },
  });

  // HTTP: logs go to the log group the insights stack created for the API named "catalog".
  const catalog = new aws.apigatewayv2.Api("catalog", { protocolType: "HTTP" });
  new aws.apigatewayv2.Stage("catalog-default", {
    apiId: catalog.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: logGroupStageAccessLogSettings(insights, "catalog", "HTTP"),
  });

  return { ordersUrl: stage.invokeUrl, catalogEndpoint: catalog.apiEndpoint };
};
