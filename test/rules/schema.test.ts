import { manifest } from "../support/fixtures.js";
import { ruleTester } from "../support/rule-tester.js";

ruleTester({
  type: "schema",
  options: {
    message: "name the ticket and both teams",
    schema: { type: "object", properties: { metadata: { type: "object", required: ["ticket", "requestedBy", "executedBy"] } } },
  },
  valid: [{ name: "ticket and teams named", manifest: manifest({}) }],
  invalid: [
    {
      name: "no ticket",
      manifest: manifest({ metadata: "  requestedBy: acme/apps\n  executedBy: acme/sre\n" }),
      errors: [{ messageId: "violated", at: "metadata:", message: "name the ticket and both teams (metadata is missing 'ticket')" }],
    },
    {
      name: "a pattern on the ticket",
      manifest: manifest({ metadata: "  ticket: nope\n" }),
      options: { message: "tickets look like OPS-123", schema: { properties: { metadata: { properties: { ticket: { pattern: "^OPS-[0-9]+$" } } } } } },
      errors: [{ messageId: "violated", at: "ticket: nope", message: "tickets look like OPS-123" }],
    },
  ],
});
