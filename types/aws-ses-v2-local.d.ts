declare module 'aws-ses-v2-local' {
  import type { Server } from 'node:http';
  function sesLocal(options?: { host?: string; port?: number }): Promise<Server>;
  export default sesLocal;
}
