// Served by scripts/record-server-plugin.js: the base URLs of the record servers the test run started.
declare module '/__record-servers.js' {
  export const servers: { main: string; secured: string; slow: string; failing: string };
  export const token: string;
}
