/**
 * Example app stack: a REST API and an HTTP API whose stages send their access logs to an
 * api-usage-insights stack, read through a StackReference, with the helpers of the published
 * package (`npm install api-usage-insights`). Inside this repository the name resolves to the
 * package itself (Node's self-reference through `exports`; run `npm run build` first).
 */
import * as apigateway from "@pulumi/aws/apigateway";
import * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import * as pulumi from "@pulumi/pulumi";
import { logGroupStageAccessLogSettings, restStageAccessLogSettings } from "api-usage-insights/app";

export = async () => {
  const config = new pulumi.Config();
  const insights = new pulumi.StackReference(config.require("insightsStack"));

  // REST: logs go to the insights stack's amazon-apigateway-… Firehose stream.
  const orders = new apigateway.RestApi("orders", { description: "Orders API" });
  const items = new apigateway.Resource("items", { restApi: orders.id, parentId: orders.rootResourceId, pathPart: "items" });
  const getItems = new apigateway.Method("get-items", { restApi: orders.id, resourceId: items.id, httpMethod: "GET", authorization: "NONE" });
  const mock = new apigateway.Integration("get-items", {
    restApi: orders.id,
    resourceId: items.id,
    httpMethod: getItems.httpMethod,
    type: "MOCK",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
  });
  const deployment = new apigateway.Deployment("orders", { restApi: orders.id }, { dependsOn: [mock] });
  const stage = new apigateway.Stage("orders-dev", {
    restApi: orders.id,
    deployment: deployment.id,
    stageName: "dev",
    accessLogSettings: restStageAccessLogSettings(insights),
  });
  new apigateway.MethodSettings("orders-dev-metrics", {
    restApi: orders.id,
    stageName: stage.stageName,
    methodPath: "*/*",
    settings: { metricsEnabled: true, loggingLevel: "ERROR" },
  });

  // HTTP: logs go to the log group the insights stack created for the API named "catalog".
  const catalog = new apigatewayv2.Api("catalog", { protocolType: "HTTP" });
  new apigatewayv2.Stage("catalog-default", {
    apiId: catalog.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: logGroupStageAccessLogSettings(insights, "catalog", "HTTP"),
  });

  return { ordersUrl: stage.invokeUrl, catalogEndpoint: catalog.apiEndpoint };
};
