// Publishes the stack output contract as JSON Schema next to the compiled package (lib/).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { outputsJsonSchema } = require("../lib/contracts/outputs.js");
writeFileSync(new URL("../lib/outputs.schema.json", import.meta.url), `${JSON.stringify(outputsJsonSchema(), null, 2)}\n`);
