// The module `/__record-servers.js`, served by scripts/record-server-plugin.js (tsconfig `paths`
// maps the name here): base URLs of the record servers this test run started.
export const servers: {
  main: string;
  secured: string;
  slow: string;
  failing: string;
  /** The fault server's two origins (server/fault-server.js); a scenario's base is `${a}/<scenario>/fhir`. */
  faults: { a: string; b: string };
};
export const token: string;
