/**
 * `npm run k3s:install` runs this module (scripts/app.js runs lib/src/<command>.js's main): the
 * command line is install-cli.ts, the plan install-plan.ts, the I/O install-apply.ts.
 */
export { main } from './install-cli';
