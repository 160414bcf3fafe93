/**
 * A web-test-runner plugin with the server command `fail-next-request`: the next request for a
 * path is answered `503`, once, as a web server that drops a file now and then would. Browser side:
 * `executeServerCommand('fail-next-request', { path })`. Register both the plugin and the
 * middleware it makes (`failNextRequest()` returns `{ plugin, middleware }`).
 */
export function failNextRequest() {
  const failing = new Set();
  return {
    plugin: {
      name: 'fail-next-request',
      executeCommand({ command, payload }) {
        if (command !== 'fail-next-request') return undefined;
        failing.add(String(payload?.path));
        return true;
      },
    },
    /** @type {import('koa').Middleware} */
    middleware: async (context, next) => {
      if (failing.delete(context.path)) {
        context.status = 503;
        context.body = 'Service Unavailable';
        return;
      }
      await next();
    },
  };
}
