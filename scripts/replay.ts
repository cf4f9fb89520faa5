/**
 * `npm run replay -- (--queue URL | --file PATH)`: publishes the api-call-counter's dead-lettered
 * datums to CloudWatch. The work is in functions/api-call-counter/replay.ts; this file only runs it.
 */
import { main } from "../functions/api-call-counter/replay";
import { runCommand } from "../functions/shared/command-line";

runCommand(main);
