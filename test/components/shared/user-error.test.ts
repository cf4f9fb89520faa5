import assert from "node:assert/strict";
import { inspect } from "node:util";
import { forUser, userError } from "../../../components/shared/user-error";

describe("errors for the person running the program", () => {
  it("carry their message and no stack frame, so Pulumi's coloured inspect prints just the message", () => {
    const error = userError("stack org/x/prod publishes output contract 2.0.0");
    assert.equal(error.stack, "Error: stack org/x/prod publishes output contract 2.0.0");
    assert.ok(inspect(error, { colors: true }).includes("publishes output contract 2.0.0"));
  });

  it("keep the frame-free stack when Pulumi prefixes the message while serializing", () => {
    const error = userError("no output restAccessLogFormat");
    error.message = `error serializing property "format": ${error.message}`;
    assert.doesNotMatch(String(error.stack), /\n\s+at /);
  });

  it("replace an error thrown by a check run inside an apply, keeping its message", () => {
    assert.throws(
      () =>
        forUser(() => {
          throw new RangeError("apis[0].type must be one of REST, HTTP, WEBSOCKET");
        }),
      (e: Error) => e.message === "apis[0].type must be one of REST, HTTP, WEBSOCKET" && e.stack === `Error: ${e.message}`,
    );
    assert.equal(forUser(() => 42), 42);
  });
});
